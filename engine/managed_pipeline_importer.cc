#include "engine/managed_pipeline_importer.h"

#include "engine/ascii_case.h"
#include "engine/json_fields.h"
#include "engine/managed_pipeline_body.h"
#include "engine/pipeline_importer.h"
#include "engine/volume_path.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

void eraseIfEquals(json& object, const char* key, const std::string& value) {
  if (object.contains(key) && object[key].is_string() && object[key].get<std::string>() == value) object.erase(key);
}

// A table's connector options go back into table_configuration, where the manifest keeps them.
void foldConnectorOptions(json& table) {
  if (!table.contains("connector_options")) return;
  json& wrapper = table["connector_options"];
  const json options = memberOf(memberOf(wrapper, "community_connector_options"), "options");
  if (!options.is_object() || wrapper.size() != 1 || wrapper["community_connector_options"].size() != 1) return;
  for (const auto& [key, value] : options.items()) table["table_configuration"][key] = value;
  table.erase("connector_options");
}

// One ingestion object as the manifest writes it.
json manifestObject(json object, const std::string& catalog, const std::string& schema) {
  for (const char* kind : {"table", "schema"}) {
    if (!object.contains(kind) || !object[kind].is_object()) continue;
    json& o = object[kind];
    eraseIfEquals(o, "destination_catalog", catalog);
    eraseIfEquals(o, "destination_schema", schema);
    if (std::string(kind) == "table") {
      eraseIfEquals(o, "source_schema", "default");
      foldConnectorOptions(o);
    }
  }
  return object;
}

struct ImportedPackages {
  ordered_json entries = ordered_json::array();
  std::string folder;  // the one volume folder they are in; "" when there are none
};

// environment.dependencies → `packages:`; nullopt (with the reason) for what a manifest cannot
// say: a dependency outside a volume (a PyPI requirement) or files in two folders.
std::optional<ImportedPackages> packagesOf(const json& spec, std::string& why) {
  ImportedPackages out;
  for (const auto& d : memberOf(memberOf(spec, "environment"), "dependencies")) {
    const std::string path = d.is_string() ? d.get<std::string>() : d.dump();
    const auto slash = path.rfind('/');
    if (path.rfind("/Volumes/", 0) != 0 || slash == std::string::npos || slash + 1 == path.size()) {
      why = "its dependency " + path + " is not a file in a volume";
      return std::nullopt;
    }
    const std::string folder = path.substr(0, slash);
    if (!out.folder.empty() && folder != out.folder) {
      why = "its packages are in two folders (" + out.folder + ", " + folder + ")";
      return std::nullopt;
    }
    out.folder = folder;
    out.entries.push_back({{"wheel", "packages/" + path.substr(slash + 1)}});
  }
  return out;
}

}  // namespace

bool isManagedPipelineSpec(const json& spec) { return memberOf(spec, "ingestion_definition").is_object(); }

std::optional<ordered_json> importManagedPipelineEntry(const ImportedPipeline& p, const json& config,
                                                       const ImportedWorkspace& ws, std::vector<std::string>& notes) {
  const std::string name = stringOf(p.spec, "name");
  const json& definition = memberOf(p.spec, "ingestion_definition");
  const std::string connection = stringOf(definition, "connection_name");
  const std::string source = connectionSource(ws, connection);
  if (connection.empty() || source.empty()) {
    notes.push_back("pipeline " + name + " is left out: its connection " + (connection.empty() ? "(none)" : connection) +
                    " is not in the workspace or names no sourceName, so its source is unknown");
    return std::nullopt;
  }
  std::string why;
  auto packages = packagesOf(p.spec, why);
  if (!packages) {
    notes.push_back("pipeline " + name + " is left out: " + why + ", which packages: cannot say");
    return std::nullopt;
  }
  const std::string catalog = stringOf(p.spec, "catalog");
  const std::string schema = stringOf(p.spec, "schema");
  ordered_json entry = {{"source", source}, {"connection", connection}, {"ingestion", "managed"}};
  if (!catalog.empty()) entry["catalog"] = catalog;
  if (!schema.empty()) entry["schema"] = schema;
  json objects = json::array();
  for (const auto& o : memberOf(definition, "objects")) objects.push_back(manifestObject(o, catalog, schema));
  entry["objects"] = objects;
  if (!packages->entries.empty()) {
    entry["packages"] = packages->entries;
    const std::string defaultFolder = defaultPackagesVolume(lowerAscii(catalog), lowerAscii(schema)).path();
    if (packages->folder != defaultFolder) entry["volume_path"] = packages->folder;
    notes.push_back("pipeline " + name + ": its wheels stay in " + packages->folder +
                    "; copy each to packages/ beside this manifest (databricks fs cp dbfs:" + packages->folder +
                    "/FILE packages/) or replace the entries with build: {source_dir: ...}");
  }
  ordered_json settings = pipelineSettingsOverrides(p.spec, memberOf(config, "pipeline"), name, notes);
  if (settings.contains("configuration")) {
    settings["configuration"].erase(kRegisterPythonDataSourceKey);
    if (settings["configuration"].empty()) settings.erase("configuration");
  }
  if (!settings.empty()) entry["pipeline"] = std::move(settings);
  return entry;
}

}  // namespace cc::engine
