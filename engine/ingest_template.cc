#include "engine/ingest_template.h"

namespace cc::engine {

namespace {

// Appends instead of returning: one buffer for the whole literal, not a string per node.
void appendPythonLiteral(std::string& out, const nlohmann::json& value, int indent) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ",\n";
        first = false;
        out.append(static_cast<std::size_t>(indent + 4), ' ');
        out += nlohmann::json(it.key()).dump(-1, ' ', true);
        out += ": ";
        appendPythonLiteral(out, *it, indent + 4);
      }
      out += '\n';
      out.append(static_cast<std::size_t>(indent), ' ');
      out += '}';
      return;
    }
    case nlohmann::json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ",\n";
        first = false;
        out.append(static_cast<std::size_t>(indent + 4), ' ');
        appendPythonLiteral(out, item, indent + 4);
      }
      out += '\n';
      out.append(static_cast<std::size_t>(indent), ' ');
      out += ']';
      return;
    }
    case nlohmann::json::value_t::boolean: out += value.get<bool>() ? "True" : "False"; return;
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: out += "None"; return;
    default: out += value.dump(-1, ' ', true); return;
  }
}

}  // namespace

std::string pythonLiteral(const nlohmann::json& value, int indent) {
  std::string out;
  appendPythonLiteral(out, value, indent);
  return out;
}

RepoLayout ingestFileLayout(const std::string& content) {
  for (const char* import : {"from databricks.labs.community_connector", "import databricks.labs.community_connector"})
    if (content.find(import) != std::string::npos) return RepoLayout::Src;
  return RepoLayout::Legacy;
}

std::string renderIngestFile(const BundledData& bundled, const std::string& sourceName,
                             const std::string& connectionName, const nlohmann::json& objects, RepoLayout layout) {
  const bool src = layout == RepoLayout::Src;
  if (objects.is_array() && !objects.empty()) {
    nlohmann::json spec = {{"connection_name", connectionName}, {"objects", objects}};
    std::string text = replaceAll(src ? bundled.srcIngestSpecTemplate : bundled.ingestSpecTemplate, "{SOURCE_NAME}", sourceName);
    return replaceAll(std::move(text), "{PIPELINE_SPEC}", pythonLiteral(spec));
  }
  std::string text = replaceAll(src ? bundled.srcIngestTemplate : bundled.ingestTemplate, "{SOURCE_NAME}", sourceName);
  return replaceAll(std::move(text), "{CONNECTION_NAME}", connectionName);
}

}  // namespace cc::engine
