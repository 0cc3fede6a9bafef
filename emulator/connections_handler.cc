// Unity Catalog connections: natural key = name compared case-insensitively, options replaced
// whole on PATCH, sensitive option values never returned.
#include <algorithm>

#include "emulator/ascii_case.h"
#include "emulator/connection_redaction.h"
#include "emulator/handlers.h"
#include "emulator/page_token.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

constexpr size_t kConnectionsPageSize = 50;
const char kBase[] = "/api/2.1/unity-catalog/connections";

HttpResponse connectionNotFound(const std::string& name) {
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "Connection '" + name + "' does not exist.");
}

std::string nameProblem(const std::string& name) {
  if (name.empty()) return "Missing required field: name";
  if (name.size() > 255) return "Connection name '" + name + "' is longer than 255 characters";
  for (unsigned char c : name) {
    if (c == '.' || c == ' ' || c == '/' || c < 0x20 || c == 0x7f) {
      return "Invalid connection name '" + name +
             "': names cannot contain periods, spaces, forward slashes or control characters";
    }
  }
  return "";
}

std::string stringMapProblem(const nlohmann::json& value, const std::string& field) {
  if (!value.is_object()) return "Invalid " + field + ": expected an object of strings";
  for (const auto& [key, item] : value.items()) {
    if (!item.is_string()) return "Invalid " + field + ": value of '" + key + "' must be a string";
  }
  return "";
}

// Only well-known non-generic credentials reveal a credential type (the generic type's
// classification is undocumented, and the traces show none).
std::string credentialType(const std::string& type, const std::map<std::string, std::string>& options) {
  if (type == "GENERIC_LAKEFLOW_CONNECT") return "";
  if (type == "COMMUNITY") {
    // Emulator choice: the OAuth mode the original tool records names the credential type.
    auto flow = options.find("community_oauth_flow");
    if (flow == options.end()) return "";
    return flow->second == "m2m" ? "OAUTH_M2M" : flow->second == "u2m" ? "OAUTH_U2M"
         : flow->second == "u2m_per_user" ? "OAUTH_U2M_MAPPING" : "";
  }
  if (options.count("user") && options.count("password")) return "USERNAME_PASSWORD";
  if (options.count("client_secret")) return "OAUTH_M2M";
  if (options.count("personalAccessToken") || options.count("access_token")) return "BEARER_TOKEN";
  return "";
}

nlohmann::json render(const Connection& connection, const WorkspaceState& state) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : connection.info.items()) {
    if (key.rfind("__", 0) != 0) out[key] = value;
  }
  const std::string type = connection.info.value("connection_type", "");
  nlohmann::json options = nlohmann::json::object();
  for (const auto& [key, value] : connection.options) {
    if (!isSensitiveOption(type, key, state.options().sensitiveOptions)) options[key] = value;
  }
  if (!options.empty()) out["options"] = options;
  const std::string credential = credentialType(type, connection.options);
  if (!credential.empty()) out["credential_type"] = credential;
  return out;
}

HttpResponse createConnection(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  if (!body->contains("name") || !(*body)["name"].is_string()) return invalidParameter("Missing required field: name");
  const std::string name = (*body)["name"];
  if (std::string problem = nameProblem(name); !problem.empty()) return invalidParameter(problem);
  if (!body->contains("connection_type") || !(*body)["connection_type"].is_string() ||
      (*body)["connection_type"].get<std::string>().empty()) {
    return invalidParameter("Missing required field: connection_type");
  }
  if (!body->contains("options")) return invalidParameter("Missing required field: options");
  if (std::string problem = stringMapProblem((*body)["options"], "options"); !problem.empty()) {
    return invalidParameter(problem);
  }
  for (const char* field : {"properties", "secrets"}) {
    if (body->contains(field)) {
      if (std::string problem = stringMapProblem((*body)[field], field); !problem.empty()) {
        return invalidParameter(problem);
      }
    }
  }
  if (body->contains("comment") && !(*body)["comment"].is_string()) return invalidParameter("Invalid comment: expected a string");
  if (body->contains("read_only") && !(*body)["read_only"].is_boolean()) return invalidParameter("Invalid read_only: expected a boolean");

  auto lock = state.lock();
  auto& connections = state.data().connections;
  if (connections.count(lowerAscii(name))) {
    return errorResponse(409, "RESOURCE_ALREADY_EXISTS", "Connection '" + name + "' already exists");
  }
  const int64_t now = state.nowMs();
  Connection connection;
  connection.info = {{"name", name},
                     {"full_name", name},
                     {"connection_id", state.newUuid()},
                     {"connection_type", (*body)["connection_type"]},
                     {"owner", request.caller},
                     {"read_only", body->value("read_only", false)},
                     {"metastore_id", state.metastoreId()},
                     {"securable_type", "CONNECTION"},
                     {"provisioning_info", {{"state", "ACTIVE"}}},
                     {"created_at", now},
                     {"created_by", request.caller},
                     {"updated_at", now},
                     {"updated_by", request.caller}};
  for (const char* field : {"comment", "properties", "secrets", "environment_settings"}) {
    if (body->contains(field) && !(*body)[field].is_null()) connection.info[field] = (*body)[field];
  }
  if (body->contains("parent") && (*body)["parent"].is_string()) connection.info["__parent"] = (*body)["parent"];
  connection.options = (*body)["options"].get<std::map<std::string, std::string>>();
  auto& stored = connections[lowerAscii(name)] = std::move(connection);
  state.commit();
  return jsonResponse(200, render(stored, state));
}

HttpResponse getConnection(HttpRequest& request, WorkspaceState& state) {
  const std::string& name = request.params["name"];
  auto lock = state.lock();
  auto it = state.data().connections.find(lowerAscii(name));
  if (it == state.data().connections.end()) return connectionNotFound(name);
  return jsonResponse(200, render(it->second, state));
}

HttpResponse listConnections(HttpRequest& request, WorkspaceState& state) {
  std::optional<size_t> pageSize;  // unset: every result, unpaginated, as the API does
  if (auto text = request.queryValue("max_results")) {
    long long value = 0;
    try {
      value = std::stoll(*text);
    } catch (const std::exception&) {
      return invalidParameter("max_results must be an integer, got '" + *text + "'");
    }
    if (value < 0) return invalidParameter("max_results must be greater than or equal to 0");
    pageSize = value == 0 ? kConnectionsPageSize : std::min<size_t>(static_cast<size_t>(value), kConnectionsPageSize);
  }
  PageCursor cursor;
  if (auto token = request.queryValue("page_token"); token && !token->empty()) {
    auto decoded = decodePageToken(*token);
    if (!decoded) return invalidParameter("Invalid page_token");
    cursor = *decoded;
    if (!pageSize) pageSize = kConnectionsPageSize;
  }
  const auto parent = request.queryValue("parent");

  auto lock = state.lock();
  std::vector<const Connection*> matching;
  for (const auto& [key, connection] : state.data().connections) {
    const std::string storedParent = connection.info.value("__parent", "");
    if (parent ? storedParent == *parent : true) matching.push_back(&connection);
  }
  nlohmann::json body = nlohmann::json::object();
  if (pageSize && state.options().emptyPages && !cursor.emptyPageServed) {
    // The API may answer a page with no items but a token, which clients must follow.
    body["next_page_token"] = encodePageToken(PageCursor{cursor.offset, true});
    return jsonResponse(200, body);
  }
  size_t end = pageSize ? std::min(matching.size(), cursor.offset + *pageSize) : matching.size();
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = cursor.offset; i < end; ++i) items.push_back(render(*matching[i], state));
  if (!items.empty()) body["connections"] = items;
  if (end < matching.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

HttpResponse updateConnection(HttpRequest& request, WorkspaceState& state) {
  const std::string& name = request.params["name"];
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  for (const char* field : {"comment", "properties", "read_only", "connection_type", "parent"}) {
    if (body->contains(field)) {
      return invalidParameter(std::string("Field '") + field +
                     "' of a connection cannot be updated; delete and re-create the connection");
    }
  }
  if (body->contains("options") && !(*body)["options"].is_null()) {
    if (std::string problem = stringMapProblem((*body)["options"], "options"); !problem.empty()) {
      return invalidParameter(problem);
    }
  }
  std::string newName;
  if (body->contains("new_name") && !(*body)["new_name"].is_null()) {
    if (!(*body)["new_name"].is_string()) return invalidParameter("Invalid new_name: expected a string");
    newName = (*body)["new_name"];
    if (std::string problem = nameProblem(newName); !problem.empty()) return invalidParameter(problem);
  }
  if (body->contains("owner") && !(*body)["owner"].is_null() &&
      (!(*body)["owner"].is_string() || (*body)["owner"].get<std::string>().empty())) {
    return invalidParameter("Invalid owner: expected a non-empty string");
  }

  auto lock = state.lock();
  auto& connections = state.data().connections;
  auto it = connections.find(lowerAscii(name));
  if (it == connections.end()) return connectionNotFound(name);
  if (!newName.empty() && lowerAscii(newName) != it->first && connections.count(lowerAscii(newName))) {
    return errorResponse(409, "RESOURCE_ALREADY_EXISTS", "Connection '" + newName + "' already exists");
  }
  Connection connection = it->second;
  if (body->contains("options") && !(*body)["options"].is_null()) {
    connection.options = (*body)["options"].get<std::map<std::string, std::string>>();
  }
  if (body->contains("owner") && !(*body)["owner"].is_null()) connection.info["owner"] = (*body)["owner"];
  for (const char* field : {"secrets", "environment_settings"}) {
    if (body->contains(field) && !(*body)[field].is_null()) connection.info[field] = (*body)[field];
  }
  const int64_t previous = connection.info.value("updated_at", int64_t{0});
  connection.info["updated_at"] = std::max(state.nowMs(), previous + 1);
  connection.info["updated_by"] = request.caller;
  if (!newName.empty()) {
    connection.info["name"] = newName;
    connection.info["full_name"] = newName;
  }
  connections.erase(it);
  auto& stored = connections[lowerAscii(connection.info["name"].get<std::string>())] = std::move(connection);
  state.commit();
  return jsonResponse(200, render(stored, state));
}

HttpResponse removeConnection(HttpRequest& request, WorkspaceState& state) {
  const std::string& name = request.params["name"];
  auto lock = state.lock();
  if (state.data().connections.erase(lowerAscii(name)) == 0) return connectionNotFound(name);
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

}  // namespace

void registerConnectionsRoutes(Router& router, WorkspaceState& state) {
  const std::string item = std::string(kBase) + "/{name}";
  router.add("POST", kBase, "connections", [&state](HttpRequest& r) { return createConnection(r, state); });
  router.add("GET", kBase, "connections", [&state](HttpRequest& r) { return listConnections(r, state); });
  router.add("GET", item, "connections", [&state](HttpRequest& r) { return getConnection(r, state); });
  router.add("PATCH", item, "connections", [&state](HttpRequest& r) { return updateConnection(r, state); });
  router.add("DELETE", item, "connections", [&state](HttpRequest& r) { return removeConnection(r, state); });
}

}  // namespace cc::emulator
