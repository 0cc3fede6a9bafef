// yaml-cpp stays in this file: the bundled config is the only YAML the model reads itself.
#include "engine/config_layers.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cc::engine {
namespace {

nlohmann::json toJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = toJson(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(toJson(item));
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string text = node.Scalar();
      if (node.Tag() == "!") return text;  // quoted: always a string
      if (text == "true" || text == "True") return true;
      if (text == "false" || text == "False") return false;
      if (text == "null" || text == "~") return nullptr;
      if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos &&
          text != "-") {
        try {
          return std::stoll(text);
        } catch (const std::exception&) {
          return text;
        }
      }
      return text;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
  }
  return nullptr;
}

Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Result<std::string>::failure("cannot read bundled file " + path, std::nullopt,
                                        "reinstall community-connector or check its data directory");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

// An installed binary (<prefix>/bin) reads <prefix>/share/community-connector, where
// cmake/packaging.cmake installs templates/ and schemas/; a binary in the build tree reads the
// source tree it was built from.
std::string bundledDataDirectory() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto share = exe.parent_path().parent_path() / "share" / "community-connector";
    if (std::filesystem::exists(share / "templates" / "default_config.yaml", ec)) return share.string();
  }
  return CC_DATA_DIR;
}

Result<nlohmann::json> parseDefaultConfig(const std::string& yamlText, const std::string& fileName) {
  try {
    YAML::Node root = YAML::Load(yamlText);
    nlohmann::json json = toJson(root);
    if (json.is_null()) json = nlohmann::json::object();
    if (!json.is_object()) return Result<nlohmann::json>::failure(fileName + ": the configuration must be a mapping");
    return json;
  } catch (const YAML::Exception& e) {
    return Result<nlohmann::json>::failure(fileName + ": invalid YAML: " + e.msg);
  }
}

Result<BundledData> loadBundledData(const std::string& dataDir) {
  const std::string base = dataDir + "/templates/";
  auto config = readFile(base + "default_config.yaml");
  if (!config) return config.diagnostics();
  auto ingest = readFile(base + "ingest.py.tmpl");
  if (!ingest) return ingest.diagnostics();
  auto ingestSpec = readFile(base + "ingest_spec.py.tmpl");
  if (!ingestSpec) return ingestSpec.diagnostics();
  auto srcIngest = readFile(base + "ingest_src.py.tmpl");
  if (!srcIngest) return srcIngest.diagnostics();
  auto srcIngestSpec = readFile(base + "ingest_src_spec.py.tmpl");
  if (!srcIngestSpec) return srcIngestSpec.diagnostics();
  auto parsed = parseDefaultConfig(*config, base + "default_config.yaml");
  if (!parsed) return parsed.diagnostics();
  return BundledData{std::move(parsed).value(), std::move(ingest).value(), std::move(ingestSpec).value(),
                     std::move(srcIngest).value(), std::move(srcIngestSpec).value()};
}

nlohmann::json deepMerge(nlohmann::json base, const nlohmann::json& overlay) {
  if (overlay.is_null()) return base;
  if (!base.is_object() || !overlay.is_object()) return overlay;
  for (auto it = overlay.begin(); it != overlay.end(); ++it) {
    if (it->is_null()) continue;
    auto existing = base.find(it.key());
    base[it.key()] = existing == base.end() ? *it : deepMerge(*existing, *it);
  }
  return base;
}

std::string replaceAll(std::string text, std::string_view placeholder, std::string_view value) {
  if (placeholder.empty()) return text;
  std::size_t pos = 0;
  while ((pos = text.find(placeholder, pos)) != std::string::npos) {
    text.replace(pos, placeholder.size(), value);
    pos += value.size();
  }
  return text;
}

}  // namespace cc::engine
