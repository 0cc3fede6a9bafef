#include "engine/ingest_template.h"

namespace cc::engine {

std::string pythonLiteral(const nlohmann::json& value, int indent) {
  const std::string inner(static_cast<std::size_t>(indent + 4), ' ');
  const std::string outer(static_cast<std::size_t>(indent), ' ');
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      if (value.empty()) return "{}";
      std::string out = "{\n";
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ",\n";
        first = false;
        out += inner + nlohmann::json(it.key()).dump(-1, ' ', true) + ": " + pythonLiteral(*it, indent + 4);
      }
      return out + "\n" + outer + "}";
    }
    case nlohmann::json::value_t::array: {
      if (value.empty()) return "[]";
      std::string out = "[\n";
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ",\n";
        first = false;
        out += inner + pythonLiteral(item, indent + 4);
      }
      return out + "\n" + outer + "]";
    }
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: return "None";
    default: return value.dump(-1, ' ', true);
  }
}

std::string renderIngestFile(const BundledData& bundled, const std::string& sourceName,
                             const std::string& connectionName, const nlohmann::json& objects) {
  if (objects.is_array() && !objects.empty()) {
    nlohmann::json spec = {{"connection_name", connectionName}, {"objects", objects}};
    std::string text = replaceAll(bundled.ingestSpecTemplate, "{SOURCE_NAME}", sourceName);
    return replaceAll(std::move(text), "{PIPELINE_SPEC}", pythonLiteral(spec));
  }
  std::string text = replaceAll(bundled.ingestTemplate, "{SOURCE_NAME}", sourceName);
  return replaceAll(std::move(text), "{CONNECTION_NAME}", connectionName);
}

}  // namespace cc::engine
