// Unity Catalog volumes: create, get, list per schema, delete. Catalogs and schemas are not
// emulated, so any catalog and schema name is accepted.
#include <algorithm>

#include "emulator/ascii_case.h"
#include "emulator/handlers.h"
#include "emulator/page_token.h"
#include "emulator/router.h"
#include "emulator/volume_paths.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

const char kVolumesBase[] = "/api/2.1/unity-catalog/volumes";

HttpResponse volumeNotFound(const std::string& fullName) {
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "Volume '" + fullName + "' does not exist.");
}

// UC's identifier rule as the connections handler applies it: no '.', ' ', '/' or control bytes.
bool validVolumeIdentifier(const std::string& name) {
  if (name.empty() || name.size() > 255) return false;
  return std::none_of(name.begin(), name.end(), [](unsigned char c) {
    return c == '.' || c == ' ' || c == '/' || c < 0x20 || c == 0x7f;
  });
}

// Messages follow UC's "<Operation> <problem>" shape.
std::string createVolumeProblem(const nlohmann::json& body) {
  for (const char* field : {"catalog_name", "schema_name", "name", "volume_type"}) {
    if (!body.contains(field) || !body[field].is_string() || body[field].get<std::string>().empty()) {
      return std::string("CreateVolume Missing required field: ") + field;
    }
  }
  for (const char* field : {"catalog_name", "schema_name", "name"}) {
    if (!validVolumeIdentifier(body[field])) {
      return "CreateVolume Invalid " + std::string(field) + " '" + body[field].get<std::string>() +
             "': names cannot contain periods, spaces, forward slashes or control characters";
    }
  }
  const std::string type = body["volume_type"];
  if (type != "MANAGED" && type != "EXTERNAL") {
    return "CreateVolume Invalid volume_type '" + type + "': use MANAGED or EXTERNAL";
  }
  const bool located = body.contains("storage_location") && body["storage_location"].is_string() &&
                       !body["storage_location"].get<std::string>().empty();
  if (type == "MANAGED" && located) return "CreateVolume storage_location can not be provided.";
  // Emulator choice: the API needs a location for an external volume; the message is ours.
  if (type == "EXTERNAL" && !located) return "CreateVolume Missing required field: storage_location";
  if (body.contains("comment") && !body["comment"].is_string()) return "CreateVolume Invalid comment: expected a string";
  return "";
}

nlohmann::json newVolumeInfo(const nlohmann::json& body, const std::string& caller, WorkspaceState& state) {
  const std::string catalog = lowerAscii(body["catalog_name"]);
  const std::string schema = lowerAscii(body["schema_name"]);
  const std::string name = lowerAscii(body["name"]);
  const std::string id = state.newUuid();
  const int64_t now = state.nowMs();
  std::string location = body.value("storage_location", "");
  while (location.size() > 1 && location.back() == '/') location.pop_back();
  if (location.empty()) location = "s3://emulator-metastore/metastore/" + state.metastoreId() + "/volumes/" + id;
  nlohmann::json info = {{"catalog_name", catalog},     {"schema_name", schema},
                         {"name", name},                {"full_name", catalog + "." + schema + "." + name},
                         {"volume_type", body["volume_type"]}, {"volume_id", id},
                         {"storage_location", location}, {"metastore_id", state.metastoreId()},
                         {"owner", caller},             {"created_at", now},
                         {"created_by", caller},        {"updated_at", now},
                         {"updated_by", caller}};
  if (body.contains("comment") && !body["comment"].get<std::string>().empty()) info["comment"] = body["comment"];
  return info;
}

HttpResponse createVolume(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  if (std::string problem = createVolumeProblem(*body); !problem.empty()) return invalidParameter(problem);
  const std::string fullName = lowerAscii((*body)["catalog_name"].get<std::string>() + "." +
                                          (*body)["schema_name"].get<std::string>() + "." +
                                          (*body)["name"].get<std::string>());
  auto lock = state.lock();
  auto& volumes = state.data().volumes;
  if (volumes.count(fullName)) {
    // [inf] the reference names the code only as "*ALREADY_EXISTS"; 409 as for connections.
    return errorResponse(409, "RESOURCE_ALREADY_EXISTS", "Volume '" + fullName + "' already exists");
  }
  const nlohmann::json info = volumes[fullName].info = newVolumeInfo(*body, request.caller, state);
  state.commit();
  return jsonResponse(200, info);
}

HttpResponse getVolume(HttpRequest& request, WorkspaceState& state) {
  const std::string& fullName = request.params["full_name"];
  auto lock = state.lock();
  auto it = state.data().volumes.find(lowerAscii(fullName));
  if (it == state.data().volumes.end()) return volumeNotFound(fullName);
  return jsonResponse(200, it->second.info);
}

HttpResponse listVolumes(HttpRequest& request, WorkspaceState& state) {
  const std::string catalog = lowerAscii(request.queryValue("catalog_name").value_or(""));
  const std::string schema = lowerAscii(request.queryValue("schema_name").value_or(""));
  if (catalog.empty()) return invalidParameter("ListVolumes Missing required field: catalog_name");
  if (schema.empty()) return invalidParameter("ListVolumes Missing required field: schema_name");
  std::string problem;
  const int64_t maxResults = integerQuery(request, "max_results", problem).value_or(0);  // 0: one page
  if (!problem.empty()) return invalidParameter(problem);
  if (maxResults < 0) return invalidParameter("max_results must be greater than or equal to 0");
  const size_t pageSize = static_cast<size_t>(maxResults);
  const auto cursor = pageCursorFromQuery(request, "page_token");
  if (!cursor) return invalidParameter("Invalid page_token");
  auto lock = state.lock();
  const std::string prefix = catalog + "." + schema + ".";
  std::vector<const nlohmann::json*> matching;
  for (const auto& [key, volume] : state.data().volumes) {
    if (key.compare(0, prefix.size(), prefix) == 0) matching.push_back(&volume.info);
  }
  const size_t end = pageSize == 0 ? matching.size() : std::min(matching.size(), cursor->offset + pageSize);
  nlohmann::json body = nlohmann::json::object();
  for (size_t i = cursor->offset; i < end; ++i) body["volumes"].push_back(*matching[i]);
  if (end < matching.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

HttpResponse removeVolume(HttpRequest& request, WorkspaceState& state) {
  const std::string& fullName = request.params["full_name"];
  auto lock = state.lock();
  if (state.data().volumes.erase(lowerAscii(fullName)) == 0) return volumeNotFound(fullName);
  removeVolumeFiles(state.data(), volumeRoot(fullName));  // a dropped volume takes its files with it
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

}  // namespace

void registerVolumesRoutes(Router& router, WorkspaceState& state) {
  const std::string item = std::string(kVolumesBase) + "/{full_name}";
  router.add("POST", kVolumesBase, "volumes", withState(state, createVolume));
  router.add("GET", kVolumesBase, "volumes", withState(state, listVolumes));
  router.add("GET", item, "volumes", withState(state, getVolume));
  router.add("DELETE", item, "volumes", withState(state, removeVolume));
}

}  // namespace cc::emulator
