#include "engine/pipeline_spec_validator.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/source_location.h"

namespace cc::engine {
namespace {

using nlohmann::json;

const std::set<std::string> kTableKeys = {"source_table", "destination_catalog", "destination_schema",
                                          "destination_table", "table_configuration"};
const std::set<std::string> kObjectKeys = {"table"};
const std::set<std::string> kTopKeys = {"connection_name", "objects"};

// Python's repr of a set of strings, in sorted order so that output is stable.
std::string setRepr(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += "'" + items[i] + "'";
  }
  return out + "}";
}

std::vector<std::string> unknownKeys(const json& object, const std::set<std::string>& known) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items())
    if (!known.count(key)) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

bool nonBlankString(const json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return std::any_of(s.begin(), s.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
}

/// Collects issues with both spellings of their path.
class Collector {
 public:
  explicit Collector(PipelineSpecReport& report) : report_(report) {}
  void error(int rule, std::string path, std::string pointer, std::string message) {
    report_.errors.push_back({std::move(path), std::move(pointer), std::move(message), rule});
  }
  void warning(std::string path, std::string pointer, std::string message) {
    report_.warnings.push_back({std::move(path), std::move(pointer), std::move(message), 0});
  }

 private:
  PipelineSpecReport& report_;
};

void checkTableConfiguration(const json& config, const std::string& path, const std::string& ptr,
                             Collector& out) {
  if (!config.is_object()) {
    out.error(13, path, ptr, "'table_configuration' must be a dictionary");
    return;
  }
  if (auto it = config.find("scd_type"); it != config.end()) {
    const std::string p = path + ".scd_type", q = ptr + "/scd_type";
    if (!it->is_string()) {
      out.error(14, p, q, "'scd_type' must be a string");
    } else {
      const auto& value = it->get_ref<const std::string&>();
      const auto& allowed = scdTypes();
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
        out.error(15, p, q, "'scd_type' must be one of " + setRepr(allowed) + ", got '" + value + "'");
    }
  }
  if (auto it = config.find("primary_keys"); it != config.end()) {
    const std::string p = path + ".primary_keys", q = ptr + "/primary_keys";
    if (!it->is_array()) {
      out.error(16, p, q, "'primary_keys' must be a list");
    } else {
      for (std::size_t j = 0; j < it->size(); ++j) {
        if ((*it)[j].is_string()) continue;
        const std::string name = "primary_keys[" + std::to_string(j) + "]";
        out.error(17, path + "." + name, q + "/" + std::to_string(j), "'" + name + "' must be a string");
      }
    }
  }
}

void checkTable(const json& table, const std::string& path, const std::string& ptr, Collector& out) {
  if (!table.is_object()) {
    out.error(9, path, ptr, "'table' must be a dictionary");
    return;
  }
  if (auto it = table.find("source_table"); it == table.end()) {
    out.error(10, path, ptr, "'source_table' is required");
  } else if (!nonBlankString(*it)) {
    out.error(11, path + ".source_table", ptr + "/source_table", "'source_table' must be a non-empty string");
  }
  for (const char* field : {"destination_catalog", "destination_schema", "destination_table"}) {
    auto it = table.find(field);
    if (it != table.end() && !it->is_string())
      out.error(12, path + "." + field, ptr + "/" + field, std::string("'") + field + "' must be a string");
  }
  if (auto it = table.find("table_configuration"); it != table.end())
    checkTableConfiguration(*it, path + ".table_configuration", ptr + "/table_configuration", out);
}

void checkObjects(const json& objects, Collector& out) {
  if (!objects.is_array()) {
    out.error(5, "objects", "/objects", "'objects' must be a list");
    return;
  }
  if (objects.empty()) {
    out.error(6, "objects", "/objects", "'objects' must contain at least one table");
    return;
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const std::string path = "objects[" + std::to_string(i) + "]";
    const std::string ptr = "/objects/" + std::to_string(i);
    const json& object = objects[i];
    if (!object.is_object()) {
      out.error(7, path, ptr, "Each object must be a dictionary");
      continue;
    }
    auto table = object.find("table");
    if (table == object.end()) {
      out.error(8, path, ptr, "'table' is required");
    } else {
      checkTable(*table, path + ".table", ptr + "/table", out);
    }
  }
}

// The original warns per object (table keys, then object keys), then at the top level.
void objectWarnings(const json& objects, Collector& out) {
  if (!objects.is_array()) return;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const json& object = objects[i];
    if (!object.is_object()) continue;
    const std::string path = "objects[" + std::to_string(i) + "]";
    const std::string ptr = "/objects/" + std::to_string(i);
    if (auto table = object.find("table"); table != object.end() && table->is_object()) {
      if (auto keys = unknownKeys(*table, kTableKeys); !keys.empty())
        out.warning(path + ".table", ptr + "/table",
                    "Unknown keys in '" + path + ".table' will be ignored: " + setRepr(keys));
    }
    if (auto keys = unknownKeys(object, kObjectKeys); !keys.empty())
      out.warning(path, ptr, "Unknown keys in '" + path + "' will be ignored: " + setRepr(keys));
  }
}

}  // namespace

const std::vector<std::string>& scdTypes() {
  static const std::vector<std::string> kTypes = {"APPEND_ONLY", "SCD_TYPE_1", "SCD_TYPE_2"};
  return kTypes;
}

std::string PipelineSpecIssue::text() const {
  if (rule == 0) return message;
  if (path.empty()) return "Invalid pipeline spec: " + message;
  return "Invalid pipeline spec at '" + path + "': " + message;
}

PipelineSpecReport validatePipelineSpec(const json& spec) {
  PipelineSpecReport report;
  Collector out(report);
  if (!spec.is_object()) {
    out.error(1, "", "", "Pipeline spec must be a dictionary");
    return report;
  }
  if (auto it = spec.find("connection_name"); it == spec.end()) {
    out.error(2, "", "", "'connection_name' is required");
  } else if (!nonBlankString(*it)) {
    out.error(3, "", "", "'connection_name' must be a non-empty string");
  }
  if (auto it = spec.find("objects"); it == spec.end()) {
    out.error(4, "", "", "'objects' is required");
  } else {
    checkObjects(*it, out);
    objectWarnings(*it, out);
  }
  if (auto keys = unknownKeys(spec, kTopKeys); !keys.empty())
    out.warning("", "", "Unknown top-level keys will be ignored: " + setRepr(keys));
  return report;
}

PipelineSpecReport validatePipelineObjects(const json& objects) {
  PipelineSpecReport report;
  Collector out(report);
  checkObjects(objects, out);
  objectWarnings(objects, out);
  return report;
}

std::optional<std::string> pipelineSpecError(const json& spec) {
  auto report = validatePipelineSpec(spec);
  if (report.errors.empty()) return std::nullopt;
  return report.errors.front().text();
}

}  // namespace cc::engine
