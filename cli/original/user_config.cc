#include "cli/original/user_config.h"

#include "cli/original/output.h"
#include "engine/manifest_loader.h"
#include "engine/schema_validator.h"

namespace cc::cli {
namespace {

// Each problem as "Failed to load config FILE:LINE:COL: what"; warnings go to `warnings`.
engine::Diagnostics configProblems(const std::string& path, const engine::Diagnostics& found,
                                   std::vector<std::string>& warnings) {
  engine::Diagnostics errors;
  for (const auto& d : found.items()) {
    const std::string where = d.range && d.range->known() ? d.range->toString() : path;
    const std::string text = "Failed to load config " + where + ": " + d.summary;
    if (d.severity == engine::Severity::Warning) warnings.push_back("config " + where + ": " + d.summary);
    else errors.error(text);
  }
  return errors;
}

// The user's --config: a mapping (an empty file counts as {}). Its `generation:` (the switch,
// generation.h) is taken out into `generation`; the rest has the keys of a manifest's defaults.
engine::Result<nlohmann::json> readUserConfig(const std::optional<std::string>& path, std::vector<std::string>& warnings,
                                              std::optional<std::string>& generation) {
  using R = engine::Result<nlohmann::json>;
  if (!path) return R(nlohmann::json::object());
  auto text = engine::readSourceText(*path);
  if (!text) return text.diagnostics();
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) return R(nlohmann::json::object());
  engine::LoaderLimits limits;
  limits.requireMapping = false;
  auto yaml = engine::loadYaml(*text, *path, limits);
  if (!yaml) return configProblems(*path, yaml.diagnostics(), warnings);
  nlohmann::json doc = yaml->document.is_null() ? nlohmann::json::object() : yaml->document;
  if (!doc.is_object()) return R::failure("Failed to load config " + *path + ": the file must hold a mapping");
  if (doc.contains("generation")) {
    if (!doc["generation"].is_string())
      return R::failure("Failed to load config " + *path + ": generation must be seed or current");
    generation = doc["generation"].get<std::string>();
    doc.erase("generation");
  }
  // Same keys and types as a manifest's `defaults`. Unknown keys stay warnings: the original
  // ignored them, and a config written for it must keep working.
  engine::Diagnostics found;
  engine::SchemaCheckOptions options;
  options.unknownKeysAreWarnings = true;
  engine::SchemaValidator::configDefaults().validate(doc, yaml->sources, found, options);
  if (auto errors = configProblems(*path, found, warnings); errors.hasErrors()) return errors;
  return R(std::move(doc));
}

}  // namespace

std::optional<OriginalConfig> readOriginalConfig(const OriginalContext& ctx, int& exitCode) {
  std::vector<std::string> configWarnings;
  std::optional<std::string> configGeneration;
  auto userConfig = readUserConfig(ctx.args.value("config"), configWarnings, configGeneration);
  for (const auto& w : configWarnings) ctx.console.err << kWarningPrefix << w << "\n";
  if (!userConfig) {
    std::string message;
    for (const auto& d : userConfig.diagnostics().items())
      if (d.severity == engine::Severity::Error) message += (message.empty() ? "" : "\n") + d.summary;
    exitCode = ctx.fail(message);
    return std::nullopt;
  }
  auto generation = originalGeneration(configGeneration, ctx.args.value("config").value_or("--config"));
  if (!generation) {
    exitCode = ctx.fail(generation.diagnostics().items().front().summary);
    return std::nullopt;
  }
  OriginalConfig in{std::move(userConfig).value(), *generation};
  // The seed left `pipeline.schema` unread (it only knew `target`, defaulting to the source).
  if (in.generation == Generation::Seed && in.userConfig.contains("pipeline") && in.userConfig["pipeline"].is_object())
    in.userConfig["pipeline"].erase("schema");
  return in;
}

}  // namespace cc::cli
