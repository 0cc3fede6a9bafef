#include "emulator/ingestion_definition.h"

#include <algorithm>
#include <initializer_list>

#include "emulator/ascii_case.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

const char* const kScdTypes[] = {"SCD_TYPE_1", "SCD_TYPE_2", "APPEND_ONLY"};
const char* const kColumnLists[] = {"primary_keys", "sequence_by", "include_columns", "exclude_columns",
                                    "clustering_columns"};

bool nonEmptyString(const nlohmann::json& object, const char* field) {
  return object.contains(field) && object[field].is_string() && !object[field].get<std::string>().empty();
}

std::string requiredStrings(const nlohmann::json& object, std::initializer_list<const char*> fields,
                            const std::string& where) {
  for (const char* field : fields) {
    if (!nonEmptyString(object, field)) return "Missing required field: " + where + "." + field;
  }
  return "";
}

std::string optionalStrings(const nlohmann::json& object, std::initializer_list<const char*> fields,
                            const std::string& where) {
  for (const char* field : fields) {
    if (object.contains(field) && !object[field].is_string()) return where + "." + field + " must be a string";
  }
  return "";
}

// TableSpecificConfig (§5.3): enum, list types and the two documented exclusions.
std::string tableConfigurationProblem(const nlohmann::json& config, const std::string& where) {
  if (!config.is_object()) return where + " must be an object";
  if (config.contains("scd_type")) {
    const bool known = config["scd_type"].is_string() &&
                       std::find(std::begin(kScdTypes), std::end(kScdTypes), config["scd_type"].get<std::string>()) !=
                           std::end(kScdTypes);
    if (!known) return where + ".scd_type must be one of SCD_TYPE_1, SCD_TYPE_2, APPEND_ONLY";
  }
  for (const char* list : kColumnLists) {
    if (!config.contains(list)) continue;
    if (!config[list].is_array()) return where + "." + list + " must be a list of strings";
    for (const auto& item : config[list]) {
      if (!item.is_string()) return where + "." + list + " must be a list of strings";
    }
  }
  if (!config.value("include_columns", nlohmann::json::array()).empty() &&
      !config.value("exclude_columns", nlohmann::json::array()).empty()) {
    return where + ": include_columns and exclude_columns cannot both be set";
  }
  if (config.contains("storage_mode") && config.contains("scd_type")) {
    return where + ": storage_mode cannot be set together with scd_type";
  }
  return "";
}

// One IngestionConfig: exactly one of table, schema, report, each with its required fields.
std::string objectProblem(const nlohmann::json& object, const std::string& where) {
  int kinds = 0;
  for (const char* kind : {"table", "schema", "report"}) kinds += object.is_object() && object.contains(kind);
  if (kinds != 1) return where + " must set exactly one of table, schema, report";
  const char* kind = object.contains("table") ? "table" : object.contains("schema") ? "schema" : "report";
  const nlohmann::json& spec = object[kind];
  const std::string at = where + "." + kind;
  if (!spec.is_object()) return at + " must be an object";
  const char* source = std::string(kind) == "table" ? "source_table"
                       : std::string(kind) == "schema" ? "source_schema" : "source_url";
  std::string problem = requiredStrings(spec, {source, "destination_catalog", "destination_schema"}, at);
  if (problem.empty()) problem = optionalStrings(spec, {"destination_table", "source_catalog", "source_schema"}, at);
  if (problem.empty() && spec.contains("table_configuration")) {
    problem = tableConfigurationProblem(spec["table_configuration"], at + ".table_configuration");
  }
  if (problem.empty() && spec.contains("connector_options") && !spec["connector_options"].is_object()) {
    problem = at + ".connector_options must be an object";
  }
  return problem;
}

std::string definitionProblem(const nlohmann::json& definition) {
  const std::string at = "ingestion_definition";
  if (!definition.is_object()) return at + " must be an object";
  const bool connection = definition.contains("connection_name");
  const bool gateway = definition.contains("ingestion_gateway_id");
  if (connection == gateway) return at + " must set exactly one of connection_name and ingestion_gateway_id";
  if (connection && !nonEmptyString(definition, "connection_name")) {
    return "Missing required field: " + at + ".connection_name";
  }
  if (std::string problem = optionalStrings(definition, {"source_type", "ingestion_gateway_id"}, at); !problem.empty()) {
    return problem;
  }
  if (definition.contains("objects")) {
    if (!definition["objects"].is_array()) return at + ".objects must be a list";
    for (size_t i = 0; i < definition["objects"].size(); ++i) {
      const std::string where = at + ".objects[" + std::to_string(i) + "]";
      if (std::string problem = objectProblem(definition["objects"][i], where); !problem.empty()) return problem;
    }
  }
  if (definition.contains("table_configuration")) {
    return tableConfigurationProblem(definition["table_configuration"], at + ".table_configuration");
  }
  return "";
}

}  // namespace

std::string ingestionDefinitionProblem(const nlohmann::json& body) {
  if (!body.contains("ingestion_definition") || body["ingestion_definition"].is_null()) return "";
  // Documented as incompatible with libraries, target, catalog and schema; the original tool
  // sends catalog and schema with it, so only libraries and target are refused.
  if (!body.value("libraries", nlohmann::json::array()).empty()) {
    return "ingestion_definition cannot be used together with libraries";
  }
  if (body.contains("target")) return "ingestion_definition cannot be used together with target";
  return definitionProblem(body["ingestion_definition"]);
}

std::optional<HttpResponse> ingestionConnectionProblem(const nlohmann::json& body, WorkspaceState& state) {
  if (!body.contains("ingestion_definition") || !body["ingestion_definition"].is_object()) return std::nullopt;
  const std::string name = body["ingestion_definition"].value("connection_name", "");
  if (name.empty() || state.data().connections.count(lowerAscii(name))) return std::nullopt;
  // Emulator choice (the reference is silent): a validation error of the pipeline settings.
  return invalidParameter("Connection '" + name + "' does not exist.");
}

void fillIngestionSourceType(nlohmann::json& spec, WorkspaceState& state) {
  if (!spec.contains("ingestion_definition") || !spec["ingestion_definition"].is_object()) return;
  nlohmann::json& definition = spec["ingestion_definition"];
  if (definition.contains("source_type")) return;
  auto it = state.data().connections.find(lowerAscii(definition.value("connection_name", "")));
  if (it == state.data().connections.end()) return;
  const std::string type = it->second.info.value("connection_type", "");
  // Community connections ingest through IngestionSourceType COMMUNITY; typed connections share
  // their type's name with the source type.
  definition["source_type"] = type == "COMMUNITY" || type == "GENERIC_LAKEFLOW_CONNECT" ? "COMMUNITY" : type;
}

}  // namespace cc::emulator
