#include "emulator/auth.h"

#include <algorithm>

#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

bool Authenticator::isPublicPath(const std::string& path) {
  // Entra ID's token endpoint, /{tenant}/oauth2/token, is the IdP's, not the workspace's.
  const auto segments = splitPath(path);
  const bool entraToken = segments.size() == 3 && segments[1] == "oauth2" && segments[2] == "token";
  return path == "/.well-known/databricks-config" || path.rfind("/oidc/", 0) == 0 ||
         path.rfind("/__emulator/", 0) == 0 || entraToken;
}

std::optional<HttpResponse> Authenticator::authenticate(HttpRequest& request) const {
  const std::string header = request.header("authorization");
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() ||
      !std::equal(prefix.begin(), prefix.end(), header.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    return authErrorResponse(401,
                             "Credential was not sent or was of an unsupported type for this API. "
                             "[ReqId: " + request.requestId + "]");
  }
  const std::string token = header.substr(prefix.size());
  const auto& tokens = state_.options().tokens;
  if (std::find(tokens.begin(), tokens.end(), token) != tokens.end()) {
    request.caller = state_.options().user;
    return std::nullopt;
  }
  auto lock = state_.lock();
  const auto& issued = state_.data().tokens;
  auto it = issued.find(token);
  if (it != issued.end() && it->second.expiresMs > state_.nowMs()) {
    request.caller = it->second.principal;
    return std::nullopt;
  }
  return authErrorResponse(403, "Invalid access token.");
}

}  // namespace cc::emulator
