// update_pipeline's managed form (today's original §7.6): the pipeline is read, the new body laid
// over its spec (PUT replaces the whole spec) and sent back with its id. The spec's shape, the
// volume path and the wheels (-p read, -s built) are checked before the first request; the
// pipeline's own settings fill what the command line leaves out.
#include "cli/original/inputs.h"
#include "cli/original/managed_pipeline.h"
#include "cli/original/output.h"
#include "cli/original/package_upload.h"
#include "cli/original/session.h"
#include "engine/json_fields.h"
#include "engine/managed_pipeline_body.h"
#include "providers/workspace_api.h"

namespace cc::cli {
namespace {

using nlohmann::json;

// What the command line gives, checked without the workspace.
struct UpdateRequest {
  engine::ManagedPipelineInput input;
  std::optional<engine::VolumePath> volume;  // -v
  std::vector<LocalWheel> wheels;            // -p read or -s built; empty: the pipeline's stay
  bool replaceDependencies = false;
};

// The connection may come from the pipeline, which is read later: the spec's shape is checked
// now with a stand-in name, so that a bad spec fails before any request.
std::optional<std::string> specShapeProblem(engine::ManagedPipelineInput input) {
  if (!input.connectionName) input.connectionName = "(the pipeline's connection)";
  auto checked = engine::buildManagedPipelineBody(input);
  if (checked) return std::nullopt;
  return firstErrorLine(checked.diagnostics());
}

engine::Result<UpdateRequest> readUpdateRequest(const OriginalContext& ctx, const std::string& name) {
  using R = engine::Result<UpdateRequest>;
  UpdateRequest request;
  request.input.name = name;
  auto spec = readPipelineSpecArgument(ctx.args.value("pipeline_spec").value_or(""));
  if (!spec) return spec.diagnostics();
  request.input.spec = std::move(spec).value();
  request.input.connectionName = ctx.args.value("connection_name");
  request.input.catalog = ctx.args.value("catalog");
  request.input.schema = ctx.args.value("target");
  if (auto problem = specShapeProblem(request.input)) return R::failure(*problem);
  if (auto given = ctx.args.value("volume_path")) {
    auto volume = engine::parseVolumePath(*given);
    if (!volume) return R::failure("Invalid --volume-path: " + firstErrorLine(volume.diagnostics()));
    request.volume = *volume;
  }
  const auto packages = ctx.args.all("package");
  const auto source = ctx.args.value("source_name");
  request.replaceDependencies = !packages.empty() || source.has_value();
  engine::Result<std::vector<LocalWheel>> wheels = std::vector<LocalWheel>{};
  if (!packages.empty()) wheels = readGivenWheels(packages);
  else if (source) {
    WheelChoice choice;
    choice.sourceName = *source;
    wheels = resolveWheels(choice, ctx.console.out);
  }
  if (!wheels) return R::failure(firstErrorLine(wheels.diagnostics()));
  request.wheels = std::move(wheels).value();
  return request;
}

// The pipeline `name` as GET returns it (pipeline_id and spec), or the message to fail with.
engine::Result<json> readPipeline(providers::WorkspaceApi& api, const std::string& name) {
  using R = engine::Result<json>;
  auto found = api.findPipelinesByName(name);
  if (!found) return R::failure("Failed to update pipeline: " + found.error().message);
  if (found->empty()) return R::failure("Pipeline '" + name + "' not found");
  auto got = api.getPipeline(found->front().pipelineId);
  if (!got) return R::failure("Failed to update pipeline: " + got.error().message);
  json pipeline = std::move(got).value();
  pipeline["pipeline_id"] = found->front().pipelineId;
  if (!pipeline.contains("spec") || !pipeline["spec"].is_object()) pipeline["spec"] = json::object();
  if (!pipeline["spec"].contains("ingestion_definition"))
    return R::failure("Pipeline '" + name + "' is a workspace pipeline (it has no ingestion_definition): " +
                      "update it with --use-workspace-pipeline");
  return pipeline;
}

// The PUT body: the wheels uploaded first when they are replaced. Progress lines go to `out`.
engine::Result<json> updatedSpec(providers::WorkspaceApi& api, UpdateRequest& request, const json& existing,
                                 const std::string& id, std::ostream& out) {
  using R = engine::Result<json>;
  request.input = engine::updateInputFrom(std::move(request.input), existing, !request.replaceDependencies);
  auto probe = engine::buildManagedPipelineBody(request.input);
  if (!probe) return R::failure(firstErrorLine(probe.diagnostics()));
  if (request.replaceDependencies) {
    const engine::VolumePath volume =
        request.volume ? *request.volume
                       : engine::defaultPackagesVolume(engine::stringOr(*probe, "catalog", "main"),
                                                       engine::stringOr(*probe, "schema", "default"));
    auto uploaded = uploadWheels(api, volume, request.wheels, out);
    if (!uploaded) return R::failure(firstErrorLine(uploaded.diagnostics()));
    request.input.dependencies = *uploaded;
  }
  auto body = engine::buildManagedPipelineBody(request.input);
  if (!body) return R::failure(firstErrorLine(body.diagnostics()));
  return engine::mergeManagedUpdate(existing, *body, id);
}

}  // namespace

int runManagedUpdatePipeline(const OriginalContext& ctx, const std::string& name) {
  auto& out = ctx.console.out;
  auto request = readUpdateRequest(ctx, name);
  if (!request) return ctx.fail(request.diagnostics().items().front().summary);
  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail("Failed to update pipeline: " + session.diagnostics().items().front().summary);
  auto& api = (*session)->api();
  auto pipeline = readPipeline(api, name);
  if (!pipeline) return ctx.fail(pipeline.diagnostics().items().front().summary);
  const std::string id = (*pipeline)["pipeline_id"];
  const json& existing = (*pipeline)["spec"];
  out << "Found pipeline: " << name << " (ID: " << id << ")\n";
  auto spec = updatedSpec(api, *request, existing, id, out);
  if (!spec) return ctx.fail(spec.diagnostics().items().front().summary);
  const std::string url = pipelineUrl((*session)->host(), id);
  ctx.result.update({{"pipeline_name", name}, {"pipeline_id", id}, {"url", url}, {"ingestion", "managed"},
                     {"dependencies", (*spec)["environment"].value("dependencies", json::array())}});
  if (*spec == existing) {
    ctx.result["action"] = "unchanged";
    out << kCheckMark << "Pipeline " << name << " already has these settings: nothing was sent.\n";
    return 0;
  }
  if (auto put = api.editPipeline(id, *spec); !put) return ctx.fail("Failed to update pipeline: " + put.error().message);
  ctx.result["action"] = "updated";
  out << kCheckMark << "Pipeline updated successfully!\n";
  out << "\nView pipeline: " << url << "\n";
  out << "Note: run the pipeline (run_pipeline " << name << ") to apply the new tables.\n";
  return 0;
}

}  // namespace cc::cli
