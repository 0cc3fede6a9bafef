#pragma once
// `--debug`: every request and response on a stream, with Authorization, client secrets,
// tokens and sensitive connection option values masked.

#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <string_view>

#include "providers/http_client.h"

namespace cc::providers {

/// Known secret values (tokens, client secrets, option values) replaced by "***" in any text.
/// Thread-safe; values shorter than 4 characters are ignored (they would mask everything).
class SecretMasker {
 public:
  void add(const std::string& secret);
  std::string mask(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string> secrets_;
};

/// A JSON body with sensitive fields masked: token, access_token, client_secret, password…
/// and every `options` value except sourceName and externalOptionsAllowList.
/// A body that is not JSON is returned with only the masker applied.
std::string maskBody(std::string_view body, const SecretMasker& masker);

/// Writes one block per exchange; a null stream disables it. Thread-safe.
class DebugLog {
 public:
  DebugLog(std::ostream* out, const SecretMasker& masker) : out_(out), masker_(masker) {}
  bool enabled() const { return out_ != nullptr; }
  void request(const std::string& baseUrl, const HttpRequest& request, int attempt);
  void response(const HttpRequest& request, const HttpOutcome& outcome, Millis took);
  void note(const std::string& text);

 private:
  std::ostream* out_;
  const SecretMasker& masker_;
  std::mutex mutex_;
};

}  // namespace cc::providers
