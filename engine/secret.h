#pragma once
// Secret: a sensitive string that no printer, formatter or serializer can reveal.

#include <string>

namespace cc::engine {

/// A sensitive value (a connection option marked sensitive, a token, a client secret).
/// It has no operator<<, no conversion to std::string and no to_json: every rendering goes
/// through `masked()`, which prints "(sensitive)". `source()` says where it came from
/// (e.g. "${env.GITHUB_TOKEN}") and is safe to print or store in a plan file.
/// The single way to the plaintext is `revealForRequest()`, used only where a provider
/// builds a request body or header.
class Secret {
 public:
  static constexpr const char* kMask = "(sensitive)";

  Secret() = default;
  Secret(std::string value, std::string source) : value_(std::move(value)), source_(std::move(source)) {}

  const char* masked() const { return kMask; }
  const std::string& source() const { return source_; }
  bool empty() const { return value_.empty(); }
  const std::string& revealForRequest() const { return value_; }

  /// Constant-time comparison of the hidden values.
  bool sameValueAs(const Secret& other) const;

 private:
  std::string value_;
  std::string source_;
};

// Deliberately deleted: a Secret must never be streamed or compared for ordering by accident.
template <typename Stream>
Stream& operator<<(Stream&, const Secret&) = delete;

}  // namespace cc::engine
