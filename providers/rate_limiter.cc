#include "providers/rate_limiter.h"

#include <algorithm>

namespace cc::providers {

std::string apiFamily(const std::string& path) {
  const auto has = [&](const char* s) { return path.find(s) != std::string::npos; };
  if (has("/unity-catalog/connections")) return "connections";
  if (has("/api/2.0/pipelines")) return "pipelines";
  if (has("/api/2.0/repos")) return "repos";
  if (has("/api/2.0/workspace/")) return "workspace";
  if (has("/scim/")) return "scim";
  if (has("/oidc/")) return "oauth";
  return "other";
}

RateLimiter::RateLimiter(RateLimiterSettings settings, Clock& clock, Sleeper& sleeper)
    : settings_(settings), clock_(clock), sleeper_(sleeper) {}

RateLimiter::Bucket& RateLimiter::bucket(const std::string& family) {
  auto it = buckets_.find(family);
  if (it == buckets_.end())
    it = buckets_.emplace(family, Bucket{settings_.initialRate, settings_.burst, clock_.now(), std::nullopt}).first;
  return it->second;
}

Millis RateLimiter::acquire(const std::string& family) {
  if (!settings_.enabled) return Millis(0);
  Millis wait{0};
  {
    std::lock_guard lock(mutex_);
    Bucket& b = bucket(family);
    const TimePoint now = clock_.now();
    const double seconds = std::chrono::duration<double>(now - b.last).count();
    b.last = now;
    b.tokens = std::min(settings_.burst, b.tokens + std::max(0.0, seconds) * b.rate);
    // Reserve now, even into debt, so concurrent callers queue behind each other.
    b.tokens -= 1.0;
    if (b.tokens < 0) wait = Millis(static_cast<long long>(-b.tokens / b.rate * 1000.0 + 0.5));
  }
  if (wait.count() > 0) sleeper_.sleepFor(wait);
  return wait;
}

void RateLimiter::onThrottled(const std::string& family) {
  std::lock_guard lock(mutex_);
  Bucket& b = bucket(family);
  b.tokens = std::min(b.tokens, 0.0);
  const TimePoint now = clock_.now();
  if (b.lastDecrease && now - *b.lastDecrease < settings_.decreaseInterval) return;
  b.lastDecrease = now;
  b.rate = std::max(settings_.minRate, b.rate * settings_.decrease);
}

void RateLimiter::onSuccess(const std::string& family) {
  std::lock_guard lock(mutex_);
  Bucket& b = bucket(family);
  b.rate = std::min(settings_.maxRate, b.rate + settings_.increase);
}

double RateLimiter::rate(const std::string& family) const {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(family);
  return it == buckets_.end() ? settings_.initialRate : it->second.rate;
}

}  // namespace cc::providers
