#include "providers/token_source.h"

#include <Poco/URI.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/base64.h"
#include "providers/cached_token_source.h"
#include "providers/cli_token.h"
#include "providers/debug_log.h"
#include "providers/http_client.h"

namespace cc::providers {
namespace {

class PatTokenSource final : public TokenSource {
 public:
  explicit PatTokenSource(engine::Secret token) : token_(std::move(token)) {}
  ApiResult<std::string> authorization() override { return "Bearer " + token_.revealForRequest(); }

 private:
  engine::Secret token_;
};

std::string formEncode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]% ", out);
  return out;
}

// The client_credentials grant as both token endpoints take it: a form POST, the answer parsed
// by parseTokenResponse. `who` names the client in errors (never the secret).
class ClientCredentialsTokenSource : public CachedTokenSource {
 public:
  ClientCredentialsTokenSource(const TokenSourceContext& context, HttpRequest request, std::string who)
      : CachedTokenSource(context.clock, context.masker), http_(context.http), debug_(context.debug),
        request_(std::move(request)), who_(std::move(who)) {
    request_.contentType = "application/x-www-form-urlencoded";
    request_.headers.push_back({"Accept", "application/json"});
    request_.headers.push_back({"User-Agent", context.userAgent});
  }

 protected:
  ApiResult<FetchedToken> fetch() override {
    HttpOutcome outcome;
    for (int attempt = 1; attempt <= 3; ++attempt) {
      debug_.request(http_->baseUrl(), request_, attempt);
      outcome = http_->send(request_);
      debug_.response(request_, outcome, Millis(0));
      if (outcome.ok() || outcome.failure.kind != TransportFailureKind::NotSent) break;
    }
    if (!outcome.ok())
      return localError(ApiErrorKind::Auth, "oauth token request failed: " + masker().mask(outcome.failure.message),
                        request_.method, request_.path);
    const auto& r = *outcome.response;
    if (r.status / 100 != 2) {
      ApiError e = parseApiError(r.status, r.reason, r.body, r.header("X-Request-Id"), request_.method, request_.path);
      e.kind = ApiErrorKind::Auth;
      e.message = "oauth token request for " + who_ + " failed: " + masker().mask(e.message);
      return e;
    }
    return parseTokenResponse(r.body, request_.method, request_.path);
  }

 private:
  std::shared_ptr<HttpClient> http_;
  DebugLog& debug_;
  HttpRequest request_;
  std::string who_;
};

// Databricks OAuth M2M: {host}/oidc/v1/token, HTTP Basic client authentication, scope all-apis.
std::unique_ptr<TokenSource> makeOAuthM2M(const TokenSourceContext& context, const std::string& clientId,
                                          const engine::Secret& secret) {
  const std::string basic = engine::base64Encode(clientId + ":" + secret.revealForRequest());
  context.masker.add(secret.revealForRequest());
  context.masker.add(basic);
  HttpRequest req;
  req.method = "POST";
  req.path = "/oidc/v1/token";
  req.body = "grant_type=client_credentials&scope=" + formEncode("all-apis");
  req.headers = {{"Authorization", "Basic " + basic}};
  return std::make_unique<ClientCredentialsTokenSource>(context, std::move(req), "client " + clientId);
}

// An Entra ID service principal: the v1 token endpoint of its tenant, the secret in the form,
// and the Azure Databricks application as the resource.
std::unique_ptr<TokenSource> makeAzureClientSecret(const TokenSourceContext& context, const ResolvedAuth& auth) {
  const std::string secret = auth.azureClientSecret.revealForRequest();
  context.masker.add(secret);
  context.masker.add(formEncode(secret));
  HttpRequest req;
  req.method = "POST";
  req.path = "/" + formEncode(auth.azureTenantId) + "/oauth2/token";
  req.body = "grant_type=client_credentials&client_id=" + formEncode(auth.azureClientId) +
             "&client_secret=" + formEncode(secret) + "&resource=" + kAzureDatabricksResource;
  return std::make_unique<ClientCredentialsTokenSource>(context, std::move(req),
                                                        "Azure service principal " + auth.azureClientId);
}

}  // namespace

ApiResult<std::string> CachedTokenSource::authorization() {
  std::lock_guard lock(mutex_);
  if (token_ && clock_.now() < refreshAt_) return *token_;
  auto fetched = fetch();
  if (!fetched) return fetched.error();
  masker_.add(fetched->accessToken);
  token_ = (fetched->tokenType.empty() ? "Bearer" : fetched->tokenType) + " " + fetched->accessToken;
  // Refresh early: half the lifetime for short tokens, five minutes before expiry otherwise.
  const long long lifetimeMs = std::max(0LL, fetched->lifetimeSeconds) * 1000;
  refreshAt_ = clock_.now() + Millis(lifetimeMs - std::min<long long>(lifetimeMs / 2, 300000));
  ++fetched_;
  return *token_;
}

void CachedTokenSource::invalidate() {
  std::lock_guard lock(mutex_);
  token_.reset();
}

int CachedTokenSource::tokensFetched() const {
  std::lock_guard lock(mutex_);
  return fetched_;
}

ApiResult<FetchedToken> parseTokenResponse(const std::string& body, const std::string& method, const std::string& path) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("access_token") || !j["access_token"].is_string() ||
      j["access_token"].get<std::string>().empty())
    return localError(ApiErrorKind::Auth, "oauth token response has no access_token", method, path);
  FetchedToken token;
  token.accessToken = j["access_token"].get<std::string>();
  if (j.contains("token_type") && j["token_type"].is_string()) token.tokenType = j["token_type"].get<std::string>();
  if (j.contains("expires_in")) {
    const auto& e = j["expires_in"];
    if (e.is_number()) token.lifetimeSeconds = e.get<long long>();
    else if (e.is_string()) token.lifetimeSeconds = std::atoll(e.get<std::string>().c_str());
  }
  return token;
}

std::unique_ptr<TokenSource> makePatTokenSource(engine::Secret token) {
  return std::make_unique<PatTokenSource>(std::move(token));
}

std::unique_ptr<TokenSource> makeTokenSource(const ResolvedAuth& auth, const TokenSourceContext& context) {
  switch (auth.type) {
    case AuthType::Pat:
      context.masker.add(auth.token.revealForRequest());
      return makePatTokenSource(auth.token);
    case AuthType::OAuthM2M: return makeOAuthM2M(context, auth.clientId, auth.clientSecret);
    case AuthType::AzureClientSecret: return makeAzureClientSecret(context, auth);
    case AuthType::DatabricksCli: return makeDatabricksCliTokenSource(auth.helperPath, auth.host, context);
    case AuthType::AzureCli: return makeAzureCliTokenSource(auth.helperPath, context);
  }
  return makePatTokenSource(auth.token);
}

}  // namespace cc::providers
