#pragma once
// Plain request/response values passed between the Poco server and the handlers, so that the
// handlers never see a Poco type.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cc::emulator {

/// One parsed HTTP request; `path` excludes the query, `params` holds `{name}` captures.
struct HttpRequest {
  std::string method;
  std::string path;
  std::string rawQuery;
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::map<std::string, std::string> params;
  std::string caller;     // userName of the authenticated principal, empty if none
  std::string baseUrl;    // scheme://host[:port] as the client addressed us
  std::string requestId;  // echoed as X-Request-Id

  std::optional<std::string> queryValue(const std::string& name) const;
  std::string header(const std::string& lowerName) const;
};

/// Query parameter `name` as an integer: nullopt when absent, or when malformed (then `problem`
/// says why).
std::optional<int64_t> integerQuery(const HttpRequest& request, const std::string& name, std::string& problem);

/// What a handler answers.
struct HttpResponse {
  int status = 200;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string contentType = "application/json; charset=utf-8";
};

/// A JSON success response.
HttpResponse jsonResponse(int status, const nlohmann::json& body);

/// The Databricks error envelope `{"error_code", "message"}`, error_code a string.
HttpResponse errorResponse(int status, const std::string& errorCode, const std::string& message);

/// The 400 INVALID_PARAMETER_VALUE answer to a request the API would refuse.
HttpResponse invalidParameter(const std::string& message);

/// Auth failures carry the HTTP status as a numeric error_code, as the real gateway does.
HttpResponse authErrorResponse(int status, const std::string& message);

/// Parses a JSON request body: empty body → empty object; returns nullopt when malformed.
std::optional<nlohmann::json> parseJsonBody(const std::string& body);

/// The 400 MALFORMED_REQUEST answer for an unparsable or non-object body.
HttpResponse malformedBodyResponse();

}  // namespace cc::emulator
