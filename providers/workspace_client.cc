#include "providers/workspace_client.h"

#include <algorithm>

#include "providers/user_agent.h"

namespace cc::providers {
namespace {

// `reached`: this client has had an answer from the server before. Unreachable on the very
// first contact (no such host, nothing listening) cannot heal by retrying; later, it is a
// server restarting, which retries ride out.
AttemptOutcome describe(const HttpOutcome& outcome, const ApiError* error, bool reached) {
  AttemptOutcome a;
  if (outcome.ok()) {
    a.status = outcome.response->status;
    a.retryAfter = outcome.response->header("Retry-After");
    if (error != nullptr)
      a.throttledByCode = error->kind == ApiErrorKind::TooManyRequests ||
                          (error->kind == ApiErrorKind::Unavailable && error->errorCode == "TEMPORARILY_UNAVAILABLE");
  } else {
    const bool unreachable = outcome.failure.kind == TransportFailureKind::Unreachable;
    a.notSent = outcome.failure.kind == TransportFailureKind::NotSent || (unreachable && reached);
    a.refused = unreachable && !reached;
    a.lost = outcome.failure.kind == TransportFailureKind::Lost;
    a.tlsFailure = outcome.failure.kind == TransportFailureKind::Tls;
    a.refused = a.refused || outcome.failure.kind == TransportFailureKind::Refused;
  }
  return a;
}

thread_local int tExemptions = 0;

HttpRequest requestFor(const ApiCall& call, const std::string* bytes) {
  HttpRequest req;
  req.method = call.method;
  req.path = call.path;
  req.query = call.query;
  if (call.body) {
    req.body = call.body->dump();
    req.contentType = "application/json";
  } else if (bytes != nullptr) {
    req.body = *bytes;
    req.contentType = "application/octet-stream";
  }
  return req;
}

ApiResult<nlohmann::json> parseBody(const std::string& body, const ApiCall& call) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return localError(ApiErrorKind::Decode, "response is not JSON", call.method, call.path);
  return j;
}

ApiError withAttempts(ApiError e, int attempts) {
  e.attempts = attempts;
  return e;
}

ApiError cancelledError(const ApiCall& call, const std::string& what, int attempts) {
  return withAttempts(localError(ApiErrorKind::Cancelled, what, call.method, call.path), attempts);
}

}  // namespace

CancelExemption::CancelExemption() { ++tExemptions; }
CancelExemption::~CancelExemption() { --tExemptions; }
bool CancelExemption::active() { return tExemptions > 0; }

WorkspaceClient::WorkspaceClient(ResolvedAuth auth, std::shared_ptr<HttpClient> http, const ConnectionSettings& settings,
                                 std::shared_ptr<HttpClient> tokenEndpoint)
    : auth_(std::move(auth)),
      http_(std::move(http)),
      clock_(settings.clock ? *settings.clock : realClock()),
      sleeper_(settings.sleeper ? *settings.sleeper : realSleeper()),
      debug_(settings.debug, masker_),
      retry_(settings.retry, settings.jitter),
      rateLimiter_(settings.rateLimit, clock_, sleeper_),
      userAgent_(userAgent(authTypeName(auth_.type))),
      cancel_(settings.cancel) {
  tokens_ = makeTokenSource(auth_, {tokenEndpoint ? tokenEndpoint : http_, clock_, debug_, masker_, userAgent_});
}

WorkspaceClient::~WorkspaceClient() = default;

ApiResult<nlohmann::json> WorkspaceClient::call(const ApiCall& call) {
  auto response = exchange(call);
  if (!response) return response.error();
  return parseBody(response->body, call);
}

ApiResult<HttpResponse> WorkspaceClient::exchange(const ApiCall& call, const std::string* bytes) {
  const RetrySafety safety =
      call.safety.value_or(call.method == "POST" ? RetrySafety::NotIdempotent : RetrySafety::Idempotent);
  HttpRequest req = requestFor(call, bytes);
  const std::string family = apiFamily(call.path);
  const TimePoint start = clock_.now();
  bool refreshedToken = false;
  for (int attempt = 1;; ++attempt) {
    if (cancelRequested()) return cancelledError(call, "not sent", attempt - 1);
    auto authorization = tokens_->authorization();
    if (!authorization) return withAttempts(authorization.error(), attempt);
    const HttpOutcome outcome = send(req, authorization.value(), family, attempt, start);
    std::optional<ApiError> error;
    if (outcome.ok()) {
      const HttpResponse& r = *outcome.response;
      if (r.status / 100 == 2) {
        rateLimiter_.onSuccess(family);
        return r;
      }
      error = errorFrom(r, call, family);
      // An OAuth token can expire between our check and the server's: fetch a new one once.
      if (!refreshedToken && tokenRejected(r, *error)) {
        refreshedToken = true;
        tokens_->invalidate();
        debug_.note("token rejected; fetching a new oauth token");
        continue;
      }
    }
    const AttemptOutcome attemptOutcome = describe(outcome, error ? &*error : nullptr, reached_.load());
    const auto elapsed = std::chrono::duration_cast<Millis>(clock_.now() - start);
    const RetryDecision decision = retry_.decide(attempt, attemptOutcome, safety, elapsed);
    if (cancelRequested()) return cancelledError(call, "stopped waiting for the answer", attempt);
    if (decision.retry) {
      debug_.note("retrying " + call.method + " " + call.path + " in " + std::to_string(decision.delay.count()) + " ms");
      sleeper_.sleepFor(decision.delay);
      continue;
    }
    return withAttempts(error ? *error : transportError(outcome, attemptOutcome, call), attempt);
  }
}

bool WorkspaceClient::cancelRequested() const {
  return cancel_ != nullptr && cancel_->load() && !CancelExemption::active();
}

HttpOutcome WorkspaceClient::send(HttpRequest& req, const std::string& authorization, const std::string& family,
                                  int attempt, TimePoint start) {
  req.headers = {{"Authorization", authorization}, {"User-Agent", userAgent_}, {"Accept", "application/json"}};
  rateLimiter_.acquire(family);
  debug_.request(http_->baseUrl(), req, attempt);
  const TimePoint sentAt = clock_.now();
  // The whole call, retries included, ends within the retry budget.
  const Millis left = retry_.settings().totalBudget - std::chrono::duration_cast<Millis>(sentAt - start);
  HttpOutcome outcome = http_->send(req, {CancelExemption::active() ? nullptr : cancel_,
                                          std::chrono::steady_clock::now() + std::max(left, Millis(1000))});
  ++sent_;
  if (outcome.ok()) reached_ = true;
  debug_.response(req, outcome, std::chrono::duration_cast<Millis>(clock_.now() - sentAt));
  return outcome;
}

ApiError WorkspaceClient::errorFrom(const HttpResponse& r, const ApiCall& call, const std::string& family) {
  ApiError error = parseApiError(r.status, r.reason, r.body, r.header("X-Request-Id"), call.method, call.path);
  error.message = masker_.mask(error.message);
  // Any answer but a 429 (a 404 of a read, a 400) shows the server keeping up.
  if (error.kind == ApiErrorKind::TooManyRequests) rateLimiter_.onThrottled(family);
  else rateLimiter_.onSuccess(family);
  return error;
}

bool WorkspaceClient::tokenRejected(const HttpResponse& r, const ApiError& error) const {
  return auth_.type != AuthType::Pat &&
         (r.status == 401 || (r.status == 403 && error.message.find("Invalid access token") != std::string::npos));
}

ApiError WorkspaceClient::transportError(const HttpOutcome& outcome, const AttemptOutcome& attempt,
                                         const ApiCall& call) {
  ApiErrorKind kind = ApiErrorKind::Transport;
  if (attempt.tlsFailure) kind = ApiErrorKind::Tls;
  else if (outcome.failure.kind == TransportFailureKind::Refused) kind = ApiErrorKind::Refused;
  else if (attempt.lost) kind = ApiErrorKind::LostResponse;
  return localError(kind, masker_.mask(outcome.failure.message), call.method, call.path);
}

engine::Result<std::shared_ptr<WorkspaceClient>> connect(const ConnectionSettings& settings) {
  const EnvLookup env = settings.env ? settings.env : processEnv();
  const FileReader reader = settings.readFile ? settings.readFile : realFileReader();
  auto auth = resolveAuth(settings.auth, env, reader);
  if (!auth) return auth.diagnostics();
  HttpClientConfig http;
  http.baseUrl = auth->host;
  if (settings.caFile) {
    http.caFile = *settings.caFile;
  } else {
    for (const char* name : {"SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"})
      if (auto v = env(name); v && !v->empty()) {
        http.caFile = *v;
        break;
      }
  }
  http.useSystemCas = settings.useSystemCas;
  http.connectTimeout = settings.connectTimeout;
  http.readTimeout = settings.readTimeout;
  http.reuseConnections = settings.reuseConnections;
  auto client = HttpClient::create(http);
  if (!client) return std::move(client).toResult().diagnostics();
  std::shared_ptr<HttpClient> tokenEndpoint;
  if (auth->type == AuthType::AzureClientSecret) {
    HttpClientConfig login = http;
    login.baseUrl = auth->azureLoginUrl;
    auto loginClient = HttpClient::create(login);
    if (!loginClient) return std::move(loginClient).toResult().diagnostics();
    tokenEndpoint = std::move(loginClient.value());
  }
  return std::make_shared<WorkspaceClient>(std::move(auth.value()), std::move(client.value()), settings,
                                           std::move(tokenEndpoint));
}

}  // namespace cc::providers
