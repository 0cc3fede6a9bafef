#include "providers/api_error.h"

#include <nlohmann/json.hpp>
#include <regex>

#include "engine/json_fields.h"
#include "engine/terminal_safe.h"

namespace cc::providers {
namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::optional<ApiErrorKind> kindFromCode(const std::string& code) {
  if (code == "INVALID_STATE" || code == "INVALID_PARAMETER_VALUE" || code == "MALFORMED_REQUEST")
    return ApiErrorKind::BadRequest;
  if (code == "RESOURCE_DOES_NOT_EXIST" || code == "ENDPOINT_NOT_FOUND") return ApiErrorKind::NotFound;
  if (code == "RESOURCE_ALREADY_EXISTS" || code == "ALREADY_EXISTS") return ApiErrorKind::AlreadyExists;
  if (code == "ABORTED" || code == "RESOURCE_CONFLICT") return ApiErrorKind::Conflict;
  if (code == "RESOURCE_EXHAUSTED" || code == "REQUEST_LIMIT_EXCEEDED") return ApiErrorKind::TooManyRequests;
  if (code == "TEMPORARILY_UNAVAILABLE") return ApiErrorKind::Unavailable;
  if (code == "PERMISSION_DENIED") return ApiErrorKind::PermissionDenied;
  if (code == "UNAUTHENTICATED") return ApiErrorKind::Unauthenticated;
  if (code == "UNKNOWN" || code == "DATA_LOSS" || code == "INTERNAL_ERROR") return ApiErrorKind::ServerError;
  return std::nullopt;
}

ApiErrorKind kindFromStatus(int status) {
  switch (status) {
    case 400: return ApiErrorKind::BadRequest;
    case 401: return ApiErrorKind::Unauthenticated;
    case 403: return ApiErrorKind::PermissionDenied;
    case 404: return ApiErrorKind::NotFound;
    case 409: return ApiErrorKind::Conflict;
    case 429: return ApiErrorKind::TooManyRequests;
    case 503: return ApiErrorKind::Unavailable;
    default: return status >= 500 ? ApiErrorKind::ServerError : ApiErrorKind::Other;
  }
}

std::string upperSnake(std::string_view reason) {
  std::string out;
  for (char c : reason) out += (c == ' ' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Fills code and message from the body, in the SDKs' order.
void readBody(std::string_view body, std::string_view reason, ApiError& e) {
  const std::string text = trim(std::string(body));
  if (text.empty()) {
    e.message = std::string(reason);
    return;
  }
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_discarded() && json.is_object()) {
    if (json.contains("error_code") || json.contains("message")) {
      const auto& code = json.value("error_code", nlohmann::json());
      e.errorCode = code.is_string() ? code.get<std::string>() : code.is_number() ? code.dump() : "";
      e.message = engine::stringOf(json, "message");
      return;
    }
    if (json.contains("detail") && json.contains("schemas")) {
      const auto& status = json.value("status", nlohmann::json());
      e.errorCode = "SCIM_" + (status.is_string() ? status.get<std::string>() : status.dump());
      const std::string detail = engine::stringOf(json, "detail");
      e.message = detail == "null" ? "SCIM API Internal Error" : trim(engine::stringOf(json, "scimType") + " " + detail);
      return;
    }
    if (json.contains("error") && json["error"].is_string()) {
      e.message = json["error"].get<std::string>();
      if (json.contains("error_description") && json["error_description"].is_string())
        e.message += ": " + json["error_description"].get<std::string>();
      return;
    }
  }
  static const std::regex plain(R"(^([A-Z_]+): ([\s\S]*)$)");
  static const std::regex pre(R"(<pre>([\s\S]*?)</pre>)");
  std::smatch m;
  if (std::regex_match(text, m, plain)) {
    e.errorCode = m[1];
    e.message = trim(m[2]);
  } else if (std::regex_search(text, m, pre)) {
    e.errorCode = upperSnake(reason);
    e.message = trim(m[1]);
  } else {
    e.errorCode = "UNKNOWN";
    e.message = text.size() > 200 ? text.substr(0, 200) + "…" : text;
  }
}

}  // namespace

bool ApiError::outcomeUnknown() const {
  return kind == ApiErrorKind::LostResponse || (kind == ApiErrorKind::ServerError && status >= 500);
}

ApiError parseApiError(int status, std::string_view reason, std::string_view body,
                       std::string_view requestIdHeader, std::string method, std::string path) {
  ApiError e;
  e.status = status;
  e.method = std::move(method);
  e.path = std::move(path);
  e.requestId = std::string(requestIdHeader);
  readBody(body, reason, e);
  static const std::regex reqId(R"(\s*\[ReqId: ([^\]]+)\]\s*$)");
  std::smatch m;
  if (std::regex_search(e.message, m, reqId)) {
    if (e.requestId.empty()) e.requestId = m[1];
    e.message = e.message.substr(0, static_cast<std::size_t>(m.position(0)));
  }
  e.message = engine::terminalSafe(e.message, true);
  e.errorCode = engine::terminalSafe(e.errorCode, false);
  e.kind = kindFromCode(e.errorCode).value_or(kindFromStatus(status));
  // A duplicate pipeline name has no confirmed code; its message is the stable signal.
  if (e.message.find("already used by another pipeline") != std::string::npos) e.kind = ApiErrorKind::AlreadyExists;
  return e;
}

ApiError localError(ApiErrorKind kind, std::string message, std::string method, std::string path) {
  ApiError e;
  e.kind = kind;
  e.message = std::move(message);
  e.method = std::move(method);
  e.path = std::move(path);
  return e;
}

const char* kindName(ApiErrorKind kind) {
  switch (kind) {
    case ApiErrorKind::BadRequest: return "bad request";
    case ApiErrorKind::Unauthenticated: return "unauthenticated";
    case ApiErrorKind::PermissionDenied: return "permission denied";
    case ApiErrorKind::NotFound: return "not found";
    case ApiErrorKind::AlreadyExists: return "already exists";
    case ApiErrorKind::Conflict: return "conflict";
    case ApiErrorKind::TooManyRequests: return "too many requests";
    case ApiErrorKind::Unavailable: return "temporarily unavailable";
    case ApiErrorKind::ServerError: return "server error";
    case ApiErrorKind::Other: return "error";
    case ApiErrorKind::Transport: return "connection failed";
    case ApiErrorKind::LostResponse: return "lost response";
    case ApiErrorKind::Tls: return "tls failure";
    case ApiErrorKind::Refused: return "refused";
    case ApiErrorKind::Auth: return "authentication";
    case ApiErrorKind::Decode: return "unexpected response";
    case ApiErrorKind::Cancelled: return "interrupted";
  }
  return "error";
}

std::string ApiError::oneLine() const {
  return method.empty() ? shortLine() : method + " " + path + ": " + shortLine();
}

std::string ApiError::shortLine() const {
  std::string s;
  if (status != 0) {
    s += std::to_string(status);
    if (!errorCode.empty() && errorCode != std::to_string(status)) s += " " + errorCode;
    s += ": ";
  } else {
    s += std::string(kindName(kind)) + ": ";
  }
  s += message.empty() ? kindName(kind) : message;
  if (!requestId.empty()) s += " (request id " + requestId + ")";
  if (attempts > 1) s += " after " + std::to_string(attempts) + " attempts";
  return s;
}

std::string ApiError::hint() const {
  switch (kind) {
    case ApiErrorKind::Unauthenticated:
      return "check DATABRICKS_TOKEN or the profile's token (community-connector auth describe shows what is used)";
    case ApiErrorKind::PermissionDenied:
      if (errorCode == "403" || message.find("Invalid access token") != std::string::npos)
        return "the token is invalid or expired: check DATABRICKS_TOKEN or the profile's token";
      return "ask a workspace admin for the permission this operation needs";
    case ApiErrorKind::NotFound: return "check the name or path; it does not exist in this workspace";
    case ApiErrorKind::AlreadyExists:
    case ApiErrorKind::Conflict: return "another object holds this name or the object changed meanwhile; re-run plan";
    case ApiErrorKind::TooManyRequests:
    case ApiErrorKind::Unavailable: return "the workspace is throttling or busy; retry later or lower --parallelism";
    case ApiErrorKind::ServerError: return "the workspace failed; retry later, re-running apply converges";
    case ApiErrorKind::BadRequest: return "the request was rejected; check the manifest values named in the message";
    case ApiErrorKind::Transport: return "check the host, your network and proxy settings";
    case ApiErrorKind::LostResponse: return "the connection dropped; re-run plan to see what was applied";
    case ApiErrorKind::Tls:
      return "the server certificate is not trusted: set SSL_CERT_FILE or REQUESTS_CA_BUNDLE to its CA bundle";
    case ApiErrorKind::Refused: return "use an https:// host (plain http is allowed only for loopback)";
    case ApiErrorKind::Auth: return "set DATABRICKS_HOST and DATABRICKS_TOKEN, or pass --profile";
    case ApiErrorKind::Decode: return "the workspace answered in an unexpected shape; run with --debug and report it";
    case ApiErrorKind::Other: return "run with --debug to see the exchange";
    case ApiErrorKind::Cancelled: return "a request in flight may or may not have taken effect: re-run plan to see";
  }
  return {};
}

engine::Diagnostic ApiError::toDiagnostic(std::string resource) const {
  engine::Diagnostic d;
  d.summary = shortLine();
  d.detail = hint();
  if (!method.empty()) d.detail += " (request: " + method + " " + path + ")";
  d.resource = std::move(resource);
  if (status != 0) d.api = engine::ApiFailure{status, errorCode, message.empty() ? std::string(kindName(kind)) : message,
                                                    requestId, attempts};
  return d;
}

}  // namespace cc::providers
