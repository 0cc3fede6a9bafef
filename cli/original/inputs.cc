#include "cli/original/inputs.h"

#include <fstream>
#include <sstream>

#include "cli/original/output.h"
#include "engine/manifest_loader.h"
#include "engine/pipeline_spec_validator.h"

namespace cc::cli {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string firstError(const engine::Diagnostics& d) {
  for (const auto& item : d.items())
    if (item.severity == engine::Severity::Error) return item.summary;
  return "unknown error";
}

// nlohmann's parse messages start with "[json.exception.parse_error.101] parse error at ...";
// the bracketed id means nothing to a user.
std::string jsonError(const std::exception& e) {
  std::string what = e.what();
  if (!what.empty() && what[0] == '[') {
    auto close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
  }
  return what;
}

}  // namespace

engine::Result<nlohmann::json> readPipelineSpecArgument(const std::string& argument) {
  using R = engine::Result<nlohmann::json>;
  const bool isJsonFile = endsWith(argument, ".json");
  if (!(isJsonFile || endsWith(argument, ".yaml") || endsWith(argument, ".yml"))) {
    try {
      return R(nlohmann::json::parse(argument));
    } catch (const nlohmann::json::exception& e) {
      return R::failure("Invalid JSON for --pipeline-spec: " + jsonError(e));
    }
  }
  std::error_code ec;
  if (!std::filesystem::exists(argument, ec)) return R::failure("Pipeline spec file not found: " + argument);
  auto text = engine::readSourceText(argument);
  if (!text) return R::failure("Failed to parse pipeline spec file: " + firstError(text.diagnostics()));
  if (isJsonFile) {
    try {
      return R(nlohmann::json::parse(*text));
    } catch (const nlohmann::json::exception& e) {
      return R::failure("Failed to parse pipeline spec file: " + jsonError(e));
    }
  }
  engine::LoaderLimits limits;
  limits.requireMapping = false;  // a list or scalar is reported by the spec rules, as before
  auto yaml = engine::loadYaml(*text, argument, limits);
  if (!yaml) return R::failure("Failed to parse pipeline spec file: " + firstError(yaml.diagnostics()));
  return R(std::move(yaml->document));
}

engine::Result<nlohmann::json> readCheckedPipelineSpec(const std::string& argument, std::ostream& warnings) {
  auto spec = readPipelineSpecArgument(argument);
  if (!spec) return spec;
  const auto report = engine::validatePipelineSpec(*spec);
  for (const auto& w : report.warnings) warnings << kWarningPrefix << w.text() << "\n";
  if (report.valid()) return spec;
  std::string message;
  for (const auto& e : report.errors) message += (message.empty() ? "" : "\n") + e.text();
  return engine::Result<nlohmann::json>::failure(message);
}

engine::Result<nlohmann::ordered_json> parseConnectionOptions(const std::string& text) {
  using R = engine::Result<nlohmann::ordered_json>;
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return R::failure("Invalid JSON for --options: " + jsonError(e));
  }
  if (!parsed.is_object()) return R::failure("--options must be a JSON object (key-value pairs)");
  return R(std::move(parsed));
}

std::string optionValueText(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace cc::cli
