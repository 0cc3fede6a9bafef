#pragma once
// A failed call to the workspace, as a value: what was asked, what came back, what to do.

#include <string>
#include <string_view>

#include "engine/diagnostic.h"

namespace cc::providers {

/// The class of a failure, by error_code first and HTTP status second,
/// plus the failures that never reached an HTTP status.
enum class ApiErrorKind {
  BadRequest,        // 400 and INVALID_PARAMETER_VALUE, INVALID_STATE …
  Unauthenticated,   // 401
  PermissionDenied,  // 403
  NotFound,          // 404, RESOURCE_DOES_NOT_EXIST
  AlreadyExists,     // RESOURCE_ALREADY_EXISTS, ALREADY_EXISTS
  Conflict,          // 409 and ABORTED, RESOURCE_CONFLICT
  TooManyRequests,   // 429, REQUEST_LIMIT_EXCEEDED, RESOURCE_EXHAUSTED
  Unavailable,       // 503
  ServerError,       // other 5xx
  Other,             // any other status
  Transport,         // could not connect or the exchange failed before a request was sent
  LostResponse,      // the request may have been processed but no response came back
  Tls,               // certificate not trusted, hostname mismatch, handshake failure
  Refused,           // refused by our own policy (plain http to a non-loopback host)
  Auth,              // no usable credentials, token endpoint failure
  Decode,            // a 2xx whose body is not the JSON we expect
  Cancelled,         // interrupted (SIGINT/SIGTERM) before or while waiting for the answer
};

/// One failed request. `message` is scrubbed of known secrets before it is stored.
struct ApiError {
  ApiErrorKind kind = ApiErrorKind::Other;
  int status = 0;          // HTTP status; 0 when there was none
  std::string errorCode;   // e.g. RESOURCE_DOES_NOT_EXIST; numeric codes as text ("401")
  std::string message;     // server message without its " [ReqId: …]" suffix
  std::string method;      // GET, POST …
  std::string path;        // request path without the query
  std::string requestId;   // X-Request-Id or the ReqId in the message
  int attempts = 1;        // how many times the request was sent

  bool isNotFound() const { return kind == ApiErrorKind::NotFound; }
  bool isAlreadyExists() const { return kind == ApiErrorKind::AlreadyExists; }
  /// The server may have processed the request (lost response or a 5xx other than 503).
  bool outcomeUnknown() const;

  /// e.g. "GET /api/2.0/pipelines/x: 404 RESOURCE_DOES_NOT_EXIST: the pipeline … (request id r1)"
  std::string oneLine() const;
  /// The same without method and path: "404 RESOURCE_DOES_NOT_EXIST: … (request id r1)".
  std::string shortLine() const;
  /// What the user should do, e.g. "check DATABRICKS_TOKEN or the profile's token".
  std::string hint() const;
  /// summary = shortLine(), detail = hint() and the request, resource as given; `api` holds
  /// status, error code, message and request id when the server answered.
  engine::Diagnostic toDiagnostic(std::string resource = {}) const;
};

/// Classifies an HTTP error response: error_code wins over status. Understands
/// the standard JSON envelope (string or numeric error_code), `{"error": …}`, SCIM errors,
/// `CODE: message` plain text, HTML `<pre>` bodies and empty bodies.
ApiError parseApiError(int status, std::string_view reason, std::string_view body,
                       std::string_view requestIdHeader, std::string method, std::string path);

/// A failure without an HTTP status (transport, TLS, policy, auth, decode).
ApiError localError(ApiErrorKind kind, std::string message, std::string method = {},
                    std::string path = {});

/// The stable lower-case name of a kind ("not found", "lost response" …).
const char* kindName(ApiErrorKind kind);

}  // namespace cc::providers
