#include "emulator/request_log.h"

#include <nlohmann/json.hpp>

#include "emulator/connection_redaction.h"
#include "emulator/digest.h"
#include "emulator/http_message.h"
#include "emulator/url_encoding.h"

namespace cc::emulator {

namespace {

constexpr size_t kMaxLoggedText = 1024;

// A raw upload (Files API) is logged as its size and SHA-256, so that tests can compare the
// bytes sent without the log holding them.
nlohmann::json binaryBody(const std::string& body) { return {{"size", body.size()}, {"sha256", sha256Hex(body)}}; }

bool isSecretKey(const std::string& key) {
  return key == "client_secret" || key == "password" || key == "token" ||
         key == "access_token" || key == "refresh_token" || key == "personalAccessToken";
}

void maskJson(nlohmann::json& value, const std::string& connectionType,
              const std::vector<std::string>& sensitive) {
  if (!value.is_object()) {
    if (value.is_array()) {
      for (auto& item : value) maskJson(item, connectionType, sensitive);
    }
    return;
  }
  const std::string type = value.value("connection_type", connectionType);
  for (auto& [key, item] : value.items()) {
    if (key == "options" && item.is_object()) {
      for (auto& [option, optionValue] : item.items()) {
        if (isSensitiveOption(type, option, sensitive)) optionValue = kLogMask;
      }
    } else if (isSecretKey(key) && item.is_string()) {
      item = kLogMask;
    } else if (key == "content" && item.is_string() && item.get<std::string>().size() > 64) {
      // Appended, not `"(" + …`: GCC 12 at -O3 warns falsely (-Wrestrict) on that.
      item = std::string("(").append(std::to_string(item.get<std::string>().size())).append(" base64 characters)");
    } else {
      maskJson(item, type, sensitive);
    }
  }
}

// Bodies are logged as JSON when they parse, as a masked form for the token endpoint, else as
// truncated text.
nlohmann::json loggedBody(const std::string& text, const std::vector<std::string>& sensitive) {
  if (text.empty()) return nullptr;
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_discarded()) {
    // Without a type in the body (PATCH), options are masked as the generic type would be.
    maskJson(parsed, "GENERIC_LAKEFLOW_CONNECT", sensitive);
    return parsed;
  }
  if (text.find('=') != std::string::npos && text.find_first_of(" {<\n") == std::string::npos) {
    nlohmann::json form = nlohmann::json::object();
    for (const auto& [key, value] : parseForm(text)) form[key] = isSecretKey(key) ? kLogMask : value;
    return form;
  }
  return text.size() > kMaxLoggedText ? text.substr(0, kMaxLoggedText) + "…" : text;
}

}  // namespace

std::string RequestLog::open(const std::string& path) {
  out_.open(path, std::ios::app);
  if (!out_) return "cannot open request log " + path + " for appending";
  return "";
}

void RequestLog::write(uint64_t seq, const HttpRequest& request, int status,
                       const std::string& responseBody, double latencyMs,
                       const std::string& fault) {
  if (!enabled()) return;
  nlohmann::json query = nlohmann::json::object();
  for (const auto& [key, value] : request.query) query[key].push_back(value);
  nlohmann::json entry = {
      {"seq", seq},
      {"method", request.method},
      {"path", request.path},
      {"query", query},
      {"body", request.header("content-type") == "application/octet-stream"
                   ? binaryBody(request.body)
                   : loggedBody(request.body, sensitiveOptions_)},
      {"status", status},
      {"response", loggedBody(responseBody, sensitiveOptions_)},
      {"latency_ms", static_cast<double>(static_cast<int64_t>(latencyMs * 1000)) / 1000.0},
  };
  if (!request.header("authorization").empty()) entry["authorization"] = kLogMask;
  if (!fault.empty()) entry["fault"] = fault;
  const std::string line =
      entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << line;
  out_.flush();
}

}  // namespace cc::emulator
