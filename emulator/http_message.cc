#include "emulator/http_message.h"

namespace cc::emulator {

std::optional<std::string> HttpRequest::queryValue(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string HttpRequest::header(const std::string& lowerName) const {
  auto it = headers.find(lowerName);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<int64_t> integerQuery(const HttpRequest& request, const std::string& name, std::string& problem) {
  auto text = request.queryValue(name);
  if (!text) return std::nullopt;
  try {
    size_t used = 0;
    int64_t value = std::stoll(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  problem = name + " must be an integer, got '" + *text + "'";
  return std::nullopt;
}

HttpResponse jsonResponse(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

HttpResponse errorResponse(int status, const std::string& errorCode, const std::string& message) {
  return jsonResponse(status, {{"error_code", errorCode}, {"message", message}});
}

HttpResponse invalidParameter(const std::string& message) {
  return errorResponse(400, "INVALID_PARAMETER_VALUE", message);
}

HttpResponse authErrorResponse(int status, const std::string& message) {
  HttpResponse response = jsonResponse(status, {{"error_code", status}, {"message", message}});
  response.headers["X-Databricks-Reason-Phrase"] = message;
  return response;
}

std::optional<nlohmann::json> parseJsonBody(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

HttpResponse malformedBodyResponse() {
  return errorResponse(400, "MALFORMED_REQUEST",
                       "Invalid JSON given in the body of the request - failed to parse given JSON");
}

}  // namespace cc::emulator
