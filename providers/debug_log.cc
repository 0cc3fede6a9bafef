#include "providers/debug_log.h"

#include <nlohmann/json.hpp>
#include <strings.h>

namespace cc::providers {
namespace {

constexpr const char* kMask = "***";

bool sensitiveKey(const std::string& key) {
  static const char* const kKeys[] = {"token", "access_token", "refresh_token", "id_token", "client_secret",
                                      "password", "personalAccessToken", "pem_private_key", "OAuthPvtKey",
                                      "GoogleServiceAccountKeyJson", "content"};
  for (const char* k : kKeys)
    if (strcasecmp(k, key.c_str()) == 0) return true;
  return false;
}

void maskJson(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "options" && it.value().is_object()) {
        for (auto o = it.value().begin(); o != it.value().end(); ++o)
          if (o.key() != "sourceName" && o.key() != "externalOptionsAllowList") o.value() = kMask;
      } else if (sensitiveKey(it.key()) && it.value().is_string()) {
        it.value() = kMask;
      } else {
        maskJson(it.value());
      }
    }
  } else if (j.is_array()) {
    for (auto& e : j) maskJson(e);
  }
}

bool sensitiveHeader(const std::string& name) {
  return strcasecmp(name.c_str(), "Authorization") == 0 || strcasecmp(name.c_str(), "Cookie") == 0 ||
         strcasecmp(name.c_str(), "Set-Cookie") == 0;
}

}  // namespace

void SecretMasker::add(const std::string& secret) {
  if (secret.size() < 4) return;
  std::lock_guard lock(mutex_);
  secrets_.insert(secret);
}

std::string SecretMasker::mask(std::string_view text) const {
  std::string out(text);
  std::lock_guard lock(mutex_);
  // Longest first, so a secret that contains another is masked whole.
  std::vector<const std::string*> order;
  for (const auto& s : secrets_) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](auto a, auto b) { return a->size() > b->size(); });
  for (const std::string* s : order) {
    for (std::size_t pos = out.find(*s); pos != std::string::npos; pos = out.find(*s, pos + 3))
      out.replace(pos, s->size(), kMask);
  }
  return out;
}

std::string maskBody(std::string_view body, const SecretMasker& masker) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    // Form bodies (the token endpoint) and text: mask known values and key=value secrets.
    std::string text = masker.mask(body);
    for (const char* key : {"client_secret=", "access_token=", "password="}) {
      for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + 1)) {
        const auto start = pos + std::strlen(key);
        const auto end = text.find('&', start);
        text.replace(start, (end == std::string::npos ? text.size() : end) - start, kMask);
      }
    }
    return text;
  }
  maskJson(j);
  return masker.mask(j.dump());
}

void DebugLog::request(const std::string& baseUrl, const HttpRequest& request, int attempt) {
  if (out_ == nullptr) return;
  std::string text = "> " + request.method + " " + baseUrl + request.target();
  if (attempt > 1) text += " (attempt " + std::to_string(attempt) + ")";
  text += "\n";
  for (const auto& [k, v] : request.headers)
    text += "> " + k + ": " + (sensitiveHeader(k) ? v.substr(0, v.find(' ') == std::string::npos ? 0 : v.find(' ') + 1) + kMask : v) + "\n";
  // File contents (wheels) are bytes, not text for a terminal: their size is what helps.
  if (request.contentType == "application/octet-stream")
    text += "> (" + std::to_string(request.body.size()) + " bytes of application/octet-stream)\n";
  else if (!request.body.empty())
    text += "> " + maskBody(request.body, masker_) + "\n";
  std::lock_guard lock(mutex_);
  *out_ << masker_.mask(text) << std::flush;
}

void DebugLog::response(const HttpRequest& request, const HttpOutcome& outcome, Millis took) {
  if (out_ == nullptr) return;
  std::string text;
  if (!outcome.ok()) {
    text = "< " + request.method + " " + request.path + ": " + outcome.failure.message + "\n";
  } else {
    const auto& r = *outcome.response;
    text = "< " + std::to_string(r.status) + " " + r.reason + " (" + std::to_string(took.count()) + " ms)\n";
    for (const auto& [k, v] : r.headers)
      if (strcasecmp(k.c_str(), "X-Request-Id") == 0 || strcasecmp(k.c_str(), "Retry-After") == 0)
        text += "< " + k + ": " + v + "\n";
    if (r.header("Content-Type").rfind("application/octet-stream", 0) == 0)
      text += "< (" + std::to_string(r.body.size()) + " bytes of application/octet-stream)\n";
    else if (!r.body.empty())
      text += "< " + maskBody(r.body, masker_) + "\n";
  }
  std::lock_guard lock(mutex_);
  *out_ << masker_.mask(text) << std::flush;
}

void DebugLog::note(const std::string& text) {
  if (out_ == nullptr) return;
  std::lock_guard lock(mutex_);
  *out_ << "* " << masker_.mask(text) << "\n" << std::flush;
}

}  // namespace cc::providers
