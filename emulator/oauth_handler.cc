// OAuth M2M: host metadata, OIDC discovery and the client_credentials token endpoint. Issued
// tokens live in the workspace state so they survive a restart.
#include "emulator/base64.h"
#include "emulator/handlers.h"
#include "emulator/router.h"
#include "emulator/url_encoding.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

HttpResponse oauthError(int status, const std::string& error, const std::string& description) {
  return jsonResponse(status, {{"error", error}, {"error_description", description}});
}

HttpResponse hostMetadata(HttpRequest& request, WorkspaceState& state) {
  return jsonResponse(200, {{"oidc_endpoint", request.baseUrl + "/oidc"},
                            {"workspace_id", state.workspaceId()},
                            {"account_id", state.accountId()},
                            {"cloud", "AWS"},
                            {"host_type", "workspace"}});
}

HttpResponse discovery(HttpRequest& request) {
  const std::string oidc = request.baseUrl + "/oidc";
  return jsonResponse(200, {{"issuer", oidc},
                            {"authorization_endpoint", oidc + "/v1/authorize"},
                            {"token_endpoint", oidc + "/v1/token"},
                            {"grant_types_supported", {"client_credentials", "authorization_code",
                                                       "refresh_token"}},
                            {"token_endpoint_auth_methods_supported",
                             {"client_secret_basic", "client_secret_post"}},
                            {"scopes_supported", {"all-apis", "offline_access"}}});
}

HttpResponse token(HttpRequest& request, WorkspaceState& state) {
  const auto form = parseForm(request.body);
  auto field = [&form](const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  std::string clientId = field("client_id");
  std::string clientSecret = field("client_secret");
  const std::string authorization = request.header("authorization");
  if (authorization.rfind("Basic ", 0) == 0) {
    auto decoded = base64Decode(authorization.substr(6));
    if (!decoded || decoded->find(':') == std::string::npos) {
      return oauthError(401, "invalid_client", "Client authentication failed");
    }
    clientId = percentDecode(decoded->substr(0, decoded->find(':')), false);
    clientSecret = percentDecode(decoded->substr(decoded->find(':') + 1), false);
  }
  const std::string grant = field("grant_type");
  if (grant.empty()) return oauthError(400, "invalid_request", "Missing grant_type");
  if (grant != "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "Unsupported grant_type: " + grant);
  }
  bool known = false;
  for (const OAuthClient& client : state.options().clients) {
    known = known || (client.id == clientId && client.secret == clientSecret);
  }
  if (!known) return oauthError(401, "invalid_client", "Client authentication failed");
  const std::string scope = field("scope").empty() ? "all-apis" : field("scope");
  const int64_t ttl = state.options().tokenTtlSeconds;

  auto lock = state.lock();
  const int64_t now = state.nowMs();
  nlohmann::json claims = {{"sub", clientId}, {"iat", now / 1000}, {"exp", now / 1000 + ttl},
                           {"jti", state.newUuid()}, {"scope", scope}};
  const std::string accessToken = base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                                   base64UrlEncode(claims.dump()) + "." +
                                   base64UrlEncode(state.newUuid());
  // Expired tokens are dropped here so the table stays small across long runs.
  auto& tokens = state.data().tokens;
  for (auto it = tokens.begin(); it != tokens.end();) {
    it = it->second.expiresMs <= now ? tokens.erase(it) : std::next(it);
  }
  tokens[accessToken] = IssuedToken{clientId, now + ttl * 1000};
  state.commit();
  return jsonResponse(200, {{"access_token", accessToken},
                            {"token_type", "Bearer"},
                            {"expires_in", ttl},
                            {"scope", scope}});
}

}  // namespace

void registerOAuthRoutes(Router& router, WorkspaceState& state) {
  router.add("GET", "/.well-known/databricks-config", "oauth",
             [&state](HttpRequest& request) { return hostMetadata(request, state); });
  router.add("GET", "/oidc/.well-known/oauth-authorization-server", "oauth",
             [](HttpRequest& request) { return discovery(request); });
  router.add("POST", "/oidc/v1/token", "oauth",
             [&state](HttpRequest& request) { return token(request, state); });
}

}  // namespace cc::emulator
