#pragma once
// Where the Authorization header comes from: a PAT; OAuth M2M or an Azure service principal
// (client_credentials tokens); or a signed-in CLI (databricks auth token, az account
// get-access-token). Refreshable tokens are cached and fetched again before they expire.

#include <memory>
#include <string>

#include "engine/secret.h"
#include "providers/api_result.h"
#include "providers/auth.h"
#include "providers/clock.h"

namespace cc::providers {

class HttpClient;
class DebugLog;
class SecretMasker;

/// The Azure Databricks first-party application: the resource an Entra ID token is for.
inline constexpr const char* kAzureDatabricksResource = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

/// Thread-safe source of the Authorization header value.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  /// e.g. "Bearer dapi…"; an Auth error when no token can be obtained.
  virtual ApiResult<std::string> authorization() = 0;
  /// Drops a cached token the server rejected, so the next call fetches a fresh one.
  virtual void invalidate() {}
  /// Tokens fetched so far (0 for a PAT).
  virtual int tokensFetched() const { return 0; }
};

/// What a token source may use. `http` is the client of the token endpoint: the workspace for
/// OAuth M2M, the Entra ID authority for an Azure service principal, unused otherwise.
struct TokenSourceContext {
  std::shared_ptr<HttpClient> http;
  Clock& clock;
  DebugLog& debug;
  SecretMasker& masker;  // every secret and token is registered here before it is used
  std::string userAgent;
};

std::unique_ptr<TokenSource> makePatTokenSource(engine::Secret token);

/// The source for a resolved credential. A token is reused until `min(lifetime/2, 5 min)`
/// before it expires.
std::unique_ptr<TokenSource> makeTokenSource(const ResolvedAuth& auth, const TokenSourceContext& context);

}  // namespace cc::providers
