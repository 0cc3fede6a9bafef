#pragma once
// HTTP(S) exchanges as plain values over a per-host pool of keep-alive sessions (Poco NetSSL
// inside the .cc only). Certificates are verified; plain http only to a loopback host.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "providers/api_result.h"
#include "providers/clock.h"

namespace cc::providers {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // absolute, without the query
  std::vector<std::pair<std::string, std::string>> query;  // encoded by the client
  HeaderList headers;
  std::string body;
  std::string contentType;  // set when body is non-empty

  /// path + "?" + the encoded query.
  std::string target() const;
};

struct HttpResponse {
  int status = 0;
  std::string reason;
  HeaderList headers;
  std::string body;
  /// Case-insensitive header lookup; "" when absent.
  std::string header(const std::string& name) const;
};

/// Why an exchange produced no response.
enum class TransportFailureKind {
  NotSent,   // connect refused, DNS, TLS handshake: the server never saw the request
  Tls,       // certificate verification failed (never retried)
  Lost,      // the request went out and the response did not come back (reset, timeout, EOF)
  Refused,   // refused before sending (an unsafe header value): never retried
  Unreachable,  // no such host, or the connection refused: the server never saw the request
};

struct TransportFailure {
  TransportFailureKind kind = TransportFailureKind::NotSent;
  std::string message;
};

/// An HTTP response, or the transport failure that prevented one.
struct HttpOutcome {
  std::optional<HttpResponse> response;
  TransportFailure failure;
  bool ok() const { return response.has_value(); }
};

struct HttpClientConfig {
  std::string baseUrl;             // scheme://host[:port]; a path part is ignored
  std::string caFile;              // an extra CA bundle (PEM) trusted besides the system store
  bool useSystemCas = true;
  Millis connectTimeout{10000};
  Millis readTimeout{60000};
  bool reuseConnections = true;    // false: a new connection (and handshake) per request
  std::size_t maxIdleSessions = 64;
  /// Connections open at once; further requests wait for one. A server serves a keep-alive
  /// connection with one thread until it idles out, so an unbounded burst can starve it.
  std::size_t maxSessions = 32;
  /// A response body beyond this is abandoned (a hostile or broken server cannot exhaust memory).
  std::size_t maxResponseBytes = 64u * 1024u * 1024u;
  /// The whole response must arrive within this, however slowly it drips (readTimeout bounds
  /// only the wait for each piece).
  Millis responseDeadline{120000};
};

/// The CA bundle named by SSL_CERT_FILE or else REQUESTS_CA_BUNDLE, or "".
std::string caFileFromEnvironment();

/// True for localhost, 127.0.0.0/8 and ::1.
bool isLoopbackHost(const std::string& host);

/// A thread-safe client for one scheme+host+port. N workers in parallel use at most
/// min(N, maxSessions) connections; a connection is returned to the pool only after a complete
/// exchange.
/// Per-send limits beyond the client's own timeouts.
struct SendLimits {
  const std::atomic<bool>* cancel = nullptr;  // set (SIGINT/SIGTERM): abandon the response
  std::optional<std::chrono::steady_clock::time_point> deadline;  // the whole call's budget
};

class HttpClient {
 public:
  /// Refuses a malformed URL, an unknown scheme, and http:// to a non-loopback host.
  static ApiResult<std::shared_ptr<HttpClient>> create(const HttpClientConfig& config);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpOutcome send(const HttpRequest& request, const SendLimits& limits = {});

  const std::string& baseUrl() const;
  /// Connections (TLS handshakes for https) opened so far.
  std::size_t connectionsOpened() const;

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::providers
