#pragma once
// WorkspaceClient: one connected workspace. Every REST call goes through `call`, which adds
// auth and User-Agent, rate-limits per API family, retries when safe, logs masked exchanges
// under --debug and turns failures into ApiError values. `connect` builds it from the CLI's
// flags and the manifest's `workspace` section.

#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "engine/result.h"
#include "providers/api_result.h"
#include "providers/auth.h"
#include "providers/clock.h"
#include "providers/debug_log.h"
#include "providers/http_client.h"
#include "providers/rate_limiter.h"
#include "providers/retry_policy.h"
#include "providers/token_source.h"

namespace cc::providers {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// One REST call. `safety` defaults from the method: POST is NotIdempotent, the rest Idempotent.
struct ApiCall {
  std::string method = "GET";
  std::string path;
  QueryParams query;
  std::optional<nlohmann::json> body;
  std::optional<RetrySafety> safety;
};

/// Everything `connect` needs; defaults are the real environment, clock and file system.
struct ConnectionSettings {
  AuthRequest auth;                  // --host/--profile and manifest workspace.host/profile
  EnvLookup env;                     // default: the process environment
  FileReader readFile;               // default: the file system
  std::optional<std::string> caFile; // default: SSL_CERT_FILE, else REQUESTS_CA_BUNDLE (via env)
  bool useSystemCas = true;
  std::ostream* debug = nullptr;     // --debug: usually &std::cerr
  Clock* clock = nullptr;            // default realClock()
  Sleeper* sleeper = nullptr;        // default realSleeper()
  RetrySettings retry;
  std::function<double()> jitter;    // default: random
  RateLimiterSettings rateLimit;
  Millis connectTimeout{10000};
  Millis readTimeout{60000};
  bool reuseConnections = true;
  /// Set on SIGINT/SIGTERM: calls stop retrying and abandon the answer they wait for.
  const std::atomic<bool>* cancel = nullptr;
};

/// While alive on a thread, that thread's calls ignore the cancel flag: the clean-up after an
/// interruption (releasing the apply lock) must still reach the workspace.
class CancelExemption {
 public:
  CancelExemption();
  ~CancelExemption();
  CancelExemption(const CancelExemption&) = delete;
  CancelExemption& operator=(const CancelExemption&) = delete;
  static bool active();
};

/// Thread-safe; shared by every provider of one run.
class WorkspaceClient {
 public:
  /// `tokenEndpoint`: the client of a token endpoint on another host (Entra ID); default `http`.
  WorkspaceClient(ResolvedAuth auth, std::shared_ptr<HttpClient> http, const ConnectionSettings& settings,
                  std::shared_ptr<HttpClient> tokenEndpoint = nullptr);
  ~WorkspaceClient();

  /// The parsed JSON body ({} for an empty body), or the error after retries.
  ApiResult<nlohmann::json> call(const ApiCall& call);
  /// The same exchange, answering the 2xx response itself (headers, raw bytes): HEAD and file
  /// downloads, whose bodies are not JSON. `bytes`, when given instead of a JSON body, is sent
  /// as it is (application/octet-stream): file uploads.
  ApiResult<HttpResponse> exchange(const ApiCall& call, const std::string* bytes = nullptr);

  const std::string& host() const { return auth_.host; }
  const ResolvedAuth& auth() const { return auth_; }
  HttpClient& http() { return *http_; }
  SecretMasker& masker() { return masker_; }
  TokenSource& tokens() { return *tokens_; }
  /// Requests put on the wire so far (retries included), for tests and benchmarks.
  std::size_t requestsSent() const { return sent_.load(); }

 private:
  bool cancelRequested() const;
  /// One attempt on the wire: headers, rate limit, --debug log, and the rest of the budget.
  HttpOutcome send(HttpRequest& req, const std::string& authorization, const std::string& family, int attempt,
                   TimePoint start);
  /// The API's error, masked; also tells the rate limiter whether the server kept up.
  ApiError errorFrom(const HttpResponse& r, const ApiCall& call, const std::string& family);
  bool tokenRejected(const HttpResponse& r, const ApiError& error) const;
  /// The error for an attempt that got no answer.
  ApiError transportError(const HttpOutcome& outcome, const AttemptOutcome& attempt, const ApiCall& call);

  ResolvedAuth auth_;
  std::shared_ptr<HttpClient> http_;
  Clock& clock_;
  Sleeper& sleeper_;
  SecretMasker masker_;
  DebugLog debug_;
  RetryPolicy retry_;
  RateLimiter rateLimiter_;
  std::unique_ptr<TokenSource> tokens_;
  std::string userAgent_;
  const std::atomic<bool>* cancel_;
  std::atomic<bool> reached_{false};  // an answer came from the server at least once
  std::atomic<std::size_t> sent_{0};
};

/// Resolves auth, checks the URL policy and builds the client. No request is sent yet.
engine::Result<std::shared_ptr<WorkspaceClient>> connect(const ConnectionSettings& settings);

}  // namespace cc::providers
