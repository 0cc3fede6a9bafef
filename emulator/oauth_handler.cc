// OAuth M2M: host metadata, OIDC discovery and the client_credentials token endpoint; and an
// Entra ID-like token endpoint for Azure service principals. Issued
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

constexpr const char* kAzureDatabricksResource = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

bool knownClient(WorkspaceState& state, const std::string& id, const std::string& secret) {
  bool known = false;
  for (const OAuthClient& client : state.options().clients) known = known || (client.id == id && client.secret == secret);
  return known;
}

// A JWT-shaped access token the authenticator accepts until it expires: {token, lifetime seconds}.
std::pair<std::string, int64_t> issueToken(WorkspaceState& state, const std::string& clientId, const std::string& scope) {
  const int64_t ttl = state.options().tokenTtlSeconds;
  auto lock = state.lock();
  const int64_t now = state.nowMs();
  nlohmann::json claims = {{"sub", clientId}, {"iat", now / 1000}, {"exp", now / 1000 + ttl},
                           {"jti", state.newUuid()}, {"scope", scope}};
  const std::string accessToken = base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                                   base64UrlEncode(claims.dump()) + "." + base64UrlEncode(state.newUuid());
  // Expired tokens are dropped here so the table stays small across long runs.
  auto& tokens = state.data().tokens;
  for (auto it = tokens.begin(); it != tokens.end();) {
    it = it->second.expiresMs <= now ? tokens.erase(it) : std::next(it);
  }
  tokens[accessToken] = IssuedToken{clientId, now + ttl * 1000};
  state.commit();
  return {accessToken, ttl};
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
  if (!knownClient(state, clientId, clientSecret)) return oauthError(401, "invalid_client", "Client authentication failed");
  const std::string scope = field("scope").empty() ? "all-apis" : field("scope");
  const auto issued = issueToken(state, clientId, scope);
  return jsonResponse(200, {{"access_token", issued.first},
                            {"token_type", "Bearer"},
                            {"expires_in", issued.second},
                            {"scope", scope}});
}

// Entra ID's v1 token endpoint for an Azure service principal: the client's secret in the form,
// the Azure Databricks application as the resource, expires_in as a string. Clients are the
// emulator's --client list, whatever the tenant.
HttpResponse entraToken(HttpRequest& request, WorkspaceState& state) {
  const auto form = parseForm(request.body);
  auto field = [&form](const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  if (field("grant_type") != "client_credentials")
    return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
  if (field("resource") != kAzureDatabricksResource)
    return oauthError(400, "invalid_resource", "AADSTS500011: The resource principal named " + field("resource") +
                                                   " was not found in the tenant " + request.params["tenant"] + ".");
  if (!knownClient(state, field("client_id"), field("client_secret")))
    return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
  const auto issued = issueToken(state, field("client_id"), "azure");
  return jsonResponse(200, {{"access_token", issued.first},
                            {"token_type", "Bearer"},
                            {"expires_in", std::to_string(issued.second)},
                            {"resource", kAzureDatabricksResource}});
}

}  // namespace

void registerOAuthRoutes(Router& router, WorkspaceState& state) {
  router.add("GET", "/.well-known/databricks-config", "oauth",
             [&state](HttpRequest& request) { return hostMetadata(request, state); });
  router.add("GET", "/oidc/.well-known/oauth-authorization-server", "oauth",
             [](HttpRequest& request) { return discovery(request); });
  router.add("POST", "/oidc/v1/token", "oauth",
             [&state](HttpRequest& request) { return token(request, state); });
  router.add("POST", "/{tenant}/oauth2/token", "oauth",
             [&state](HttpRequest& request) { return entraToken(request, state); });
}

}  // namespace cc::emulator
