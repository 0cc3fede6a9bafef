#include "providers/token_source.h"

#include <Poco/Base64Encoder.h>
#include <Poco/URI.h>

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

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

std::string base64(const std::string& s) {
  std::ostringstream out;
  Poco::Base64Encoder enc(out);
  enc.rdbuf()->setLineLength(0);
  enc << s;
  enc.close();
  return out.str();
}

std::string formEncode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]% ", out);
  return out;
}

class OAuthM2MTokenSource final : public TokenSource {
 public:
  OAuthM2MTokenSource(std::shared_ptr<HttpClient> http, std::string clientId, engine::Secret secret, Clock& clock,
                      DebugLog& debug, SecretMasker& masker, std::string userAgent)
      : http_(std::move(http)), clientId_(std::move(clientId)), secret_(std::move(secret)), clock_(clock),
        debug_(debug), masker_(masker), userAgent_(std::move(userAgent)) {
    masker_.add(secret_.revealForRequest());
    masker_.add(base64(clientId_ + ":" + secret_.revealForRequest()));
  }

  ApiResult<std::string> authorization() override {
    std::lock_guard lock(mutex_);
    if (token_ && clock_.now() < refreshAt_) return *token_;
    return fetch();
  }

  void invalidate() override {
    std::lock_guard lock(mutex_);
    token_.reset();
  }

  int tokensFetched() const override {
    std::lock_guard lock(mutex_);
    return fetched_;
  }

 private:
  ApiResult<std::string> fetch() {
    HttpRequest req;
    req.method = "POST";
    req.path = "/oidc/v1/token";
    req.contentType = "application/x-www-form-urlencoded";
    req.body = "grant_type=client_credentials&scope=" + formEncode("all-apis");
    req.headers = {{"Authorization", "Basic " + base64(clientId_ + ":" + secret_.revealForRequest())},
                   {"Accept", "application/json"},
                   {"User-Agent", userAgent_}};
    HttpOutcome outcome;
    for (int attempt = 1; attempt <= 3; ++attempt) {
      debug_.request(http_->baseUrl(), req, attempt);
      outcome = http_->send(req);
      debug_.response(req, outcome, Millis(0));
      if (outcome.ok() || outcome.failure.kind != TransportFailureKind::NotSent) break;
    }
    if (!outcome.ok())
      return localError(ApiErrorKind::Auth, "oauth token request failed: " + masker_.mask(outcome.failure.message),
                        req.method, req.path);
    const auto& r = *outcome.response;
    if (r.status / 100 != 2) {
      ApiError e = parseApiError(r.status, r.reason, r.body, r.header("X-Request-Id"), req.method, req.path);
      e.kind = ApiErrorKind::Auth;
      e.message = "oauth token request for client " + clientId_ + " failed: " + masker_.mask(e.message);
      return e;
    }
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
      return localError(ApiErrorKind::Auth, "oauth token response has no access_token", req.method, req.path);
    long long ttl = 3600;
    if (j.contains("expires_in")) {
      const auto& e = j["expires_in"];
      if (e.is_number()) ttl = e.get<long long>();
      else if (e.is_string()) ttl = std::atoll(e.get<std::string>().c_str());
    }
    const std::string access = j["access_token"].get<std::string>();
    masker_.add(access);
    const std::string type = j.value("token_type", "Bearer");
    token_ = (type.empty() ? "Bearer" : type) + " " + access;
    // Refresh early: half the lifetime for short tokens, five minutes before expiry otherwise.
    const long long marginMs = std::min<long long>(ttl * 1000 / 2, 300000);
    refreshAt_ = clock_.now() + Millis(ttl * 1000 - marginMs);
    ++fetched_;
    return *token_;
  }

  std::shared_ptr<HttpClient> http_;
  std::string clientId_;
  engine::Secret secret_;
  Clock& clock_;
  DebugLog& debug_;
  SecretMasker& masker_;
  std::string userAgent_;
  mutable std::mutex mutex_;
  std::optional<std::string> token_;
  TimePoint refreshAt_{};
  int fetched_ = 0;
};

}  // namespace

std::unique_ptr<TokenSource> makePatTokenSource(engine::Secret token) {
  return std::make_unique<PatTokenSource>(std::move(token));
}

std::unique_ptr<TokenSource> makeOAuthM2MTokenSource(std::shared_ptr<HttpClient> http, std::string clientId,
                                                     engine::Secret clientSecret, Clock& clock, DebugLog& debug,
                                                     SecretMasker& masker, std::string userAgent) {
  return std::make_unique<OAuthM2MTokenSource>(std::move(http), std::move(clientId), std::move(clientSecret), clock,
                                               debug, masker, std::move(userAgent));
}

}  // namespace cc::providers
