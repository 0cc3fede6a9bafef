#pragma once
// When to send a request again, and after how long: 429/503 always (the server did nothing),
// other 5xx and lost responses only when the request is idempotent; exponential backoff with
// jitter inside a total time budget; Retry-After honoured.

#include <functional>
#include <optional>
#include <string>

#include "providers/clock.h"

namespace cc::providers {

/// Whether repeating a request can do harm. A create is NotIdempotent: after a lost response
/// its caller looks the resource up by natural key instead of resending blindly.
enum class RetrySafety { Idempotent, NotIdempotent };

struct RetrySettings {
  int maxAttempts = 10;
  Millis totalBudget{300000};      // across all attempts and waits of one call
  Millis baseDelay{250};           // first backoff; doubles each attempt
  Millis maxDelay{10000};
  Millis defaultRetryAfter{1000};  // 429/503 without a usable Retry-After
  Millis maxRetryAfter{120000};
};

/// What happened on one attempt, reduced to what the policy needs.
struct AttemptOutcome {
  int status = 0;                  // 0: no response
  bool notSent = false;            // transport failure before the request left
  bool lost = false;               // the request left, the response never came
  bool tlsFailure = false;
  bool refused = false;            // refused locally before sending: retrying cannot help
  std::string retryAfter;          // the Retry-After header, if any
  bool throttledByCode = false;    // REQUEST_LIMIT_EXCEEDED / RESOURCE_EXHAUSTED / TEMPORARILY_UNAVAILABLE
};

struct RetryDecision {
  bool retry = false;
  Millis delay{0};
};

/// Pure: decides from the attempt number (1-based), the outcome and the time spent so far.
class RetryPolicy {
 public:
  /// `jitter` returns a number in [0, 1); tests pass a constant.
  explicit RetryPolicy(RetrySettings settings = {}, std::function<double()> jitter = {});

  RetryDecision decide(int attempt, const AttemptOutcome& outcome, RetrySafety safety, Millis elapsed) const;
  /// The exponential backoff for an attempt, jitter applied: [d/2, d) with d = base·2^(n-1), capped.
  Millis backoff(int attempt) const;
  const RetrySettings& settings() const { return settings_; }

 private:
  RetrySettings settings_;
  std::function<double()> jitter_;
};

/// Integer seconds → milliseconds; an HTTP-date or garbage → nullopt.
std::optional<Millis> parseRetryAfter(const std::string& value);

}  // namespace cc::providers
