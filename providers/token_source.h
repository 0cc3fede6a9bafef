#pragma once
// Where the Authorization header comes from: a PAT, or OAuth M2M tokens (client_credentials,
// scope all-apis) cached and refreshed before they expire.

#include <memory>
#include <string>

#include "engine/secret.h"
#include "providers/api_result.h"
#include "providers/clock.h"

namespace cc::providers {

class HttpClient;
class DebugLog;
class SecretMasker;

/// Thread-safe source of the Authorization header value.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  /// e.g. "Bearer dapi…"; an Auth error when no token can be obtained.
  virtual ApiResult<std::string> authorization() = 0;
  /// Drops a cached token the server rejected, so the next call fetches a fresh one.
  virtual void invalidate() {}
  /// Tokens fetched from the token endpoint so far (0 for a PAT).
  virtual int tokensFetched() const { return 0; }
};

std::unique_ptr<TokenSource> makePatTokenSource(engine::Secret token);

/// POSTs {host}/oidc/v1/token with HTTP Basic client authentication. A token is reused until
/// `min(ttl/2, 5 min)` before it expires, then refreshed. Every token and the client secret
/// are registered with `masker`.
std::unique_ptr<TokenSource> makeOAuthM2MTokenSource(std::shared_ptr<HttpClient> http, std::string clientId,
                                                     engine::Secret clientSecret, Clock& clock, DebugLog& debug,
                                                     SecretMasker& masker, std::string userAgent);

}  // namespace cc::providers
