#include "cli/original_inputs.h"

#include <fstream>
#include <sstream>

#include "engine/manifest_loader.h"

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

bool isFile(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
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

std::string githubRawUrl(std::string url, const std::string& branch) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (endsWith(url, ".git")) url.resize(url.size() - 4);
  if (url.find("github.com") == std::string::npos) return url;
  for (const std::string prefix : {"https://github.com/", "http://github.com/", "git@github.com:"}) {
    if (url.rfind(prefix, 0) == 0)
      return "https://raw.githubusercontent.com/" + url.substr(prefix.size()) + "/" + branch;
  }
  return url;
}

std::vector<SpecLookup> connectorSpecCandidates(const std::string& specArgument, const std::string& source,
                                                const std::filesystem::path& cwd,
                                                const std::string& defaultRawBase) {
  using Kind = SpecLookup::Kind;
  const bool isUrl = specArgument.rfind("http://", 0) == 0 || specArgument.rfind("https://", 0) == 0;
  const bool isSsh = specArgument.rfind("git@", 0) == 0;
  if (!specArgument.empty() && !isUrl && !isSsh) return {{Kind::LocalFile, specArgument, true}};
  const std::string relative = "sources/" + source + "/connector_spec.yaml";
  std::vector<SpecLookup> out;
  if (specArgument.empty()) {
    // A checkout of the connectors repository: its root or tools/community_connector in it,
    // in the base layout and in the newer src/ layout.
    for (const auto& root : {cwd, cwd / ".." / ".."}) {
      for (const std::string prefix : {"", "src/databricks/labs/community_connector/"}) {
        const auto p = root / (prefix + relative);
        if (isFile(p)) {
          out.push_back({Kind::LocalFile, p.lexically_normal().string(), false});
          return out;
        }
      }
    }
  }
  std::string base = specArgument.empty() ? defaultRawBase : githubRawUrl(specArgument);
  while (!base.empty() && base.back() == '/') base.pop_back();
  out.push_back({Kind::Remote, base + "/" + relative, false});
  return out;
}

}  // namespace cc::cli
