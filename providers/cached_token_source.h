#pragma once
// The part every refreshable credential shares: one token at a time, reused until shortly before
// it expires, fetched again after the server rejects it, and registered with the secret masker
// the moment it is known. Subclasses only say how to fetch one.

#include <mutex>
#include <optional>
#include <string>

#include "providers/clock.h"
#include "providers/debug_log.h"
#include "providers/token_source.h"

namespace cc::providers {

struct FetchedToken {
  std::string accessToken;
  std::string tokenType = "Bearer";
  long long lifetimeSeconds = 3600;  // from now; 0 or less: use once, fetch again next time
};

class CachedTokenSource : public TokenSource {
 public:
  CachedTokenSource(Clock& clock, SecretMasker& masker) : clock_(clock), masker_(masker) {}

  ApiResult<std::string> authorization() final;
  void invalidate() final;
  int tokensFetched() const final;

 protected:
  virtual ApiResult<FetchedToken> fetch() = 0;
  SecretMasker& masker() { return masker_; }

 private:
  Clock& clock_;
  SecretMasker& masker_;
  mutable std::mutex mutex_;
  std::optional<std::string> token_;
  TimePoint refreshAt_{};
  int fetched_ = 0;
};

/// Reads a token endpoint's JSON answer (access_token, token_type, expires_in as a number or
/// a string, as Entra ID's v1 endpoint sends it).
ApiResult<FetchedToken> parseTokenResponse(const std::string& body, const std::string& method, const std::string& path);

}  // namespace cc::providers
