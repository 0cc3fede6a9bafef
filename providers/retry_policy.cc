#include "providers/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <random>

namespace cc::providers {
namespace {

double randomUnit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

std::optional<Millis> parseRetryAfter(const std::string& value) {
  std::size_t b = value.find_first_not_of(" \t");
  std::size_t e = value.find_last_not_of(" \t");
  if (b == std::string::npos) return std::nullopt;
  const std::string digits = value.substr(b, e - b + 1);
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  for (char c : digits)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  return Millis(std::stoll(digits) * 1000);
}

RetryPolicy::RetryPolicy(RetrySettings settings, std::function<double()> jitter)
    : settings_(settings), jitter_(jitter ? std::move(jitter) : std::function<double()>(randomUnit)) {}

Millis RetryPolicy::backoff(int attempt) const {
  const int shift = std::clamp(attempt - 1, 0, 20);
  const auto full = std::min<long long>(settings_.baseDelay.count() << shift, settings_.maxDelay.count());
  const double j = std::clamp(jitter_(), 0.0, 1.0);
  return Millis(static_cast<long long>(static_cast<double>(full) * (0.5 + 0.5 * j)));
}

RetryDecision RetryPolicy::decide(int attempt, const AttemptOutcome& outcome, RetrySafety safety, Millis elapsed) const {
  if (attempt >= settings_.maxAttempts || outcome.tlsFailure || outcome.refused) return {};
  Millis delay{0};
  const bool throttled = outcome.status == 429 || outcome.status == 503 || outcome.throttledByCode;
  if (throttled) {
    // The server refused before doing anything, so even a create may be resent.
    const auto after = parseRetryAfter(outcome.retryAfter);
    delay = after ? std::min(*after, settings_.maxRetryAfter) : settings_.defaultRetryAfter;
  } else if (outcome.status == 0 && outcome.notSent) {
    delay = backoff(attempt);
  } else if (safety == RetrySafety::Idempotent && (outcome.lost || outcome.status >= 500)) {
    delay = backoff(attempt);
  } else {
    return {};
  }
  if (elapsed + delay > settings_.totalBudget) return {};
  return {true, delay};
}

}  // namespace cc::providers
