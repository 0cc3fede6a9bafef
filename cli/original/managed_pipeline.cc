// create_pipeline's managed mode (today's original §7.6): the spec read without the workspace
// pipeline's rules, the wheels built (or -p given) and uploaded to a volume, then one POST of
// the ingestion_definition pipeline. A name that is taken, a bad spec or volume path and wheels
// that cannot be built are all found before anything is sent.
#include "cli/original/managed_pipeline.h"

#include "cli/original/inputs.h"
#include "cli/original/output.h"
#include "cli/original/package_upload.h"
#include "cli/original/session.h"
#include "engine/json_fields.h"
#include "engine/managed_pipeline_body.h"
#include "providers/workspace_api.h"

namespace cc::cli {
namespace {

using nlohmann::json;

// -c/-t, else the --config file's pipeline.catalog/schema, else main/default (the original's YAML).
std::string settingOf(const OriginalContext& ctx, const char* flag, const json& userConfig, const char* key,
                      const char* fallback) {
  if (auto given = ctx.args.value(flag)) return *given;
  return engine::stringOr(engine::memberOrEmpty(userConfig, "pipeline"), key, fallback);
}

// The wheels the pipeline installs: -p files, or the framework and connector built from the
// checkout around the current directory; none when a full spec brings its own environment.
engine::Result<std::vector<LocalWheel>> wheelsFor(const OriginalContext& ctx, const std::string& source, const json& spec) {
  if (spec.is_object() && spec.contains("ingestion_definition") && spec.contains("environment"))
    return std::vector<LocalWheel>{};
  if (const auto given = ctx.args.all("package"); !given.empty()) return readGivenWheels(given);
  WheelChoice choice;
  choice.sourceName = source;
  return resolveWheels(choice, ctx.console.out);
}

}  // namespace

int runManagedCreatePipeline(const OriginalContext& ctx, const std::string& source, const std::string& name,
                             const json& userConfig) {
  auto& out = ctx.console.out;
  engine::ManagedPipelineInput input;
  input.name = name;
  if (auto argument = ctx.args.value("pipeline_spec")) {
    auto spec = readPipelineSpecArgument(*argument);
    if (!spec) return ctx.fail(spec.diagnostics().items().front().summary);
    input.spec = std::move(spec).value();
  }
  if (auto connection = ctx.args.value("connection_name")) input.connectionName = *connection;
  input.catalog = settingOf(ctx, "catalog", userConfig, "catalog", "main");
  input.schema = settingOf(ctx, "target", userConfig, "schema", "default");
  auto volume = ctx.args.value("volume_path") ? engine::parseVolumePath(*ctx.args.value("volume_path"))
                                              : engine::Result<engine::VolumePath>(
                                                    engine::defaultPackagesVolume(*input.catalog, *input.schema));
  if (!volume) return ctx.fail("Invalid --volume-path: " + firstErrorLine(volume.diagnostics()));
  // The body is built once without wheels, so that a spec naming no connection fails first.
  if (auto checked = engine::buildManagedPipelineBody(input); !checked) return ctx.fail(firstErrorLine(checked.diagnostics()));
  out << "Creating managed pipeline '" << name << "' for source: " << source << "\n";
  auto wheels = wheelsFor(ctx, source, input.spec);
  if (!wheels) return ctx.fail(firstErrorLine(wheels.diagnostics()));
  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail("Failed to create pipeline: " + session.diagnostics().items().front().summary);
  auto& api = (*session)->api();
  auto taken = api.findPipelinesByName(name);
  if (!taken) return ctx.fail("Failed to create pipeline: " + taken.error().message);
  if (!taken->empty()) return ctx.fail("Failed to create pipeline: A pipeline with name '" + name + "' already exists");
  if (!wheels->empty()) {
    auto uploaded = uploadWheels(api, *volume, *wheels, out);
    if (!uploaded) return ctx.fail(firstErrorLine(uploaded.diagnostics()));
    input.dependencies = *uploaded;
  }
  auto body = engine::buildManagedPipelineBody(input);
  if (!body) return ctx.fail(firstErrorLine(body.diagnostics()));
  auto id = api.createPipeline(*body);
  if (!id) return ctx.fail("Failed to create pipeline: " + id.error().message);
  const std::string url = pipelineUrl((*session)->host(), *id);
  out << kCheckMark << "Pipeline created!\n\n";
  out << "Pipeline ID: " << *id << "\n";
  out << "Pipeline URL: " << url << "\n";
  ctx.result.update({{"action", "created"}, {"pipeline_name", name}, {"pipeline_id", *id}, {"pipeline_url", url},
                     {"ingestion", "managed"}, {"dependencies", input.dependencies}});
  return 0;
}

}  // namespace cc::cli
