#include "engine/managed_pipeline_body.h"

#include "engine/json_fields.h"

namespace cc::engine {
namespace {

using json = nlohmann::json;

Result<json> refuse(const std::string& what, const std::string& fix) {
  return Result<json>::failure("pipeline spec: " + what, std::nullopt, fix);
}

// A bare spec is checked only lightly, as upstream does: objects, if present, is a list of
// entries that each hold a table, a schema or a report.
std::optional<std::string> objectsProblem(const json& definition) {
  if (!definition.contains("objects")) return std::nullopt;
  const json& objects = definition["objects"];
  if (!objects.is_array()) return "objects must be a list";
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const json& o = objects[i];
    if (!o.is_object() || !(o.contains("table") || o.contains("schema") || o.contains("report")))
      return "objects[" + std::to_string(i) + "] holds none of table, schema or report";
  }
  return std::nullopt;
}

void setIfAbsent(json& object, const char* key, const json& value) {
  if (!object.contains(key)) object[key] = value;
}

// Each table and schema object lands in the pipeline's catalog and schema unless it says
// otherwise; a table's source schema defaults to "default".
void backfillObjects(json& definition, const std::string& catalog, const std::string& schema) {
  if (!definition.contains("objects")) definition["objects"] = json::array();
  for (json& o : definition["objects"]) {
    for (const char* kind : {"table", "schema"}) {
      if (!o.contains(kind) || !o[kind].is_object()) continue;
      setIfAbsent(o[kind], "destination_catalog", catalog);
      setIfAbsent(o[kind], "destination_schema", schema);
      if (std::string(kind) == "table") setIfAbsent(o[kind], "source_schema", "default");
    }
  }
}

Result<json> bareBody(const ManagedPipelineInput& in, json definition) {
  const std::string catalog = in.catalog.value_or(in.defaultCatalog);
  const std::string schema = in.schema.value_or(in.defaultSchema);
  definition["source_type"] = "COMMUNITY";
  if (in.connectionName && !definition.contains("connection_name")) definition["connection_name"] = *in.connectionName;
  backfillObjects(definition, catalog, schema);
  json body = {{"name", in.name}, {"ingestion_definition", std::move(definition)}, {"catalog", catalog},
               {"schema", schema}};
  body["configuration"] = {{kRegisterPythonDataSourceKey, "true"}};
  body["environment"] = {{"dependencies", in.dependencies}};
  if (in.create) {
    body["channel"] = "PREVIEW";
    body["serverless"] = true;
  }
  return body;
}

// A full spec is the user's: only what is missing is added, and the command line's names win.
Result<json> fullBody(const ManagedPipelineInput& in, json body) {
  json& definition = body["ingestion_definition"];
  if (!definition.is_object()) return refuse("ingestion_definition must be a mapping", "give it connection_name and objects");
  setIfAbsent(definition, "source_type", "COMMUNITY");
  if (in.connectionName) definition["connection_name"] = *in.connectionName;
  body["name"] = in.name;
  if (in.catalog) body["catalog"] = *in.catalog;
  if (in.schema) body["schema"] = *in.schema;
  if (!body.contains("configuration") || !body["configuration"].is_object()) body["configuration"] = json::object();
  setIfAbsent(body["configuration"], kRegisterPythonDataSourceKey, "true");
  if (!body.contains("environment")) body["environment"] = {{"dependencies", in.dependencies}};
  return body;
}

}  // namespace

Result<json> buildManagedPipelineBody(const ManagedPipelineInput& in) {
  const json spec = in.spec.is_null() ? json::object() : in.spec;
  if (!spec.is_object()) return refuse("must be a mapping", "give ingestion_definition, or the definition's fields");
  auto body = spec.contains("ingestion_definition") ? fullBody(in, spec) : [&]() -> Result<json> {
    if (auto problem = objectsProblem(spec)) return refuse(*problem, "list objects as - table: {source_table: …}");
    return bareBody(in, spec);
  }();
  if (!body) return body;
  const json& definition = (*body)["ingestion_definition"];
  if (!definition.contains("connection_name") || !definition["connection_name"].is_string() ||
      definition["connection_name"].get<std::string>().empty())
    return refuse("no connection is named", "pass -n/--connection-name, or set ingestion_definition.connection_name");
  return body;
}

namespace {

// Whether the -ps document names a connection itself (in its ingestion_definition when full).
bool specNamesConnection(const json& spec) {
  if (!spec.is_object()) return false;
  const json& definition = spec.contains("ingestion_definition") ? spec["ingestion_definition"] : spec;
  return definition.is_object() && definition.contains("connection_name");
}

}  // namespace

ManagedPipelineInput updateInputFrom(ManagedPipelineInput input, const json& existing, bool keepDependencies) {
  input.create = false;
  if (const std::string* catalog = findString(existing, "catalog")) input.defaultCatalog = *catalog;
  if (const std::string* schema = findString(existing, "schema")) input.defaultSchema = *schema;
  const std::string* connection = findString(memberOf(existing, "ingestion_definition"), "connection_name");
  if (!input.connectionName && !specNamesConnection(input.spec) && connection) input.connectionName = *connection;
  if (keepDependencies) {
    input.dependencies.clear();
    const json& dependencies = memberOf(memberOf(existing, "environment"), "dependencies");
    if (dependencies.is_array())
      for (const json& d : dependencies)
        if (d.is_string()) input.dependencies.push_back(d.get<std::string>());
  }
  return input;
}

json mergeManagedUpdate(const json& existing, const json& update, const std::string& pipelineId) {
  json merged = existing.is_object() ? existing : json::object();
  for (const auto& [key, value] : update.items()) {
    const bool byKey = (key == "configuration" || key == "environment") && value.is_object() &&
                       merged.contains(key) && merged[key].is_object();
    if (!byKey) {
      merged[key] = value;
      continue;
    }
    for (const auto& [inner, innerValue] : value.items()) merged[key][inner] = innerValue;
  }
  merged["id"] = pipelineId;
  return merged;
}

}  // namespace cc::engine
