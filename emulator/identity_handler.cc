// SCIM `Me`: the caller's user record plus the X-Databricks-Org-Id header.
#include <sstream>

#include "emulator/handlers.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

std::vector<std::string> splitCommaList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

HttpResponse me(HttpRequest& request, WorkspaceState& state) {
  const std::string& user = request.caller;
  const std::string display = user.substr(0, user.find('@'));
  nlohmann::json body = {
      {"id", state.userId(user)},
      {"userName", user},
      {"displayName", display},
      {"active", true},
      {"emails", {{{"value", user}, {"type", "work"}, {"primary", true}}}},
      {"schemas",
       {"urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:workspace:2.0:User"}},
  };
  // SCIM always returns id and schemas; `attributes` narrows, `excludedAttributes` removes.
  if (auto attributes = request.queryValue("attributes")) {
    nlohmann::json narrowed = {{"id", body["id"]}, {"schemas", body["schemas"]}};
    for (const std::string& name : splitCommaList(*attributes)) {
      if (body.contains(name)) narrowed[name] = body[name];
    }
    body = narrowed;
  }
  if (auto excluded = request.queryValue("excludedAttributes")) {
    for (const std::string& name : splitCommaList(*excluded)) {
      if (name != "id" && name != "schemas") body.erase(name);
    }
  }
  HttpResponse response = jsonResponse(200, body);
  response.headers["X-Databricks-Org-Id"] = state.workspaceId();
  return response;
}

}  // namespace

void registerIdentityRoutes(Router& router, WorkspaceState& state) {
  router.add("GET", "/api/2.0/preview/scim/v2/Me", "scim",
             [&state](HttpRequest& request) { return me(request, state); });
}

}  // namespace cc::emulator
