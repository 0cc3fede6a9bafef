#include "providers/rate_limiter.h"

#include <algorithm>

namespace cc::providers {

std::string apiFamily(const std::string& path) {
  const auto has = [&](const char* s) { return path.find(s) != std::string::npos; };
  // First: a file's path, after the prefix, may hold any of the words below.
  if (path.rfind("/api/2.0/fs/", 0) == 0) return "files";
  if (has("/unity-catalog/volumes")) return "volumes";
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
  if (it == buckets_.end()) {
    Bucket b;
    b.rate = settings_.initialRate;
    b.tokens = settings_.burst;
    b.last = clock_.now();
    b.paced = settings_.paceFromStart;
    b.windowStart = b.last;
    it = buckets_.emplace(family, b).first;
  }
  return it->second;
}

// Starts a new one-second window once the current one is over.
void RateLimiter::roll(Bucket& b, TimePoint now) {
  const double into = std::chrono::duration<double>(now - b.windowStart).count();
  if (into < 1.0) return;
  b.previousSent = into < 2.0 ? b.sent : 0;
  b.windowStart = now;
  b.sent = b.answers = b.throttled = 0;
}

// Requests per second lately: this window's count plus the share of the previous window's
// that still falls within the last second.
double RateLimiter::recentRate(const Bucket& b, TimePoint now) {
  const double into = std::chrono::duration<double>(now - b.windowStart).count();
  return b.sent + b.previousSent * std::max(0.0, 1.0 - into);
}

void RateLimiter::countAnswer(Bucket& b, bool throttled) {
  roll(b, clock_.now());
  b.answers += 1;
  if (throttled) b.throttled += 1;
}

Millis RateLimiter::acquire(const std::string& family) {
  if (!settings_.enabled) return Millis(0);
  Millis wait{0};
  {
    std::lock_guard lock(mutex_);
    Bucket& b = bucket(family);
    const TimePoint now = clock_.now();
    roll(b, now);
    b.sent += 1;
    if (!b.paced) return wait;
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
  countAnswer(b, true);
  const TimePoint now = clock_.now();
  if (!b.paced) {
    // The first 429: pace from here, at half of what the workspace just refused to sustain.
    b.paced = true;
    b.lastDecrease = now;
    b.rate = std::clamp(std::max(settings_.initialRate, recentRate(b, now)) * settings_.decrease, settings_.minRate,
                        settings_.maxRate);
    b.tokens = 0;
    b.last = now;
    return;
  }
  b.tokens = std::min(b.tokens, 0.0);
  if (b.lastDecrease && now - *b.lastDecrease < settings_.decreaseInterval) return;
  if (b.throttled < settings_.cutShare * b.answers) return;
  b.lastDecrease = now;
  b.rate = std::max(settings_.minRate, b.rate * settings_.decrease);
}

void RateLimiter::onSuccess(const std::string& family) {
  std::lock_guard lock(mutex_);
  Bucket& b = bucket(family);
  countAnswer(b, false);
  if (b.paced) b.rate = std::min(settings_.maxRate, b.rate + settings_.increase);
}

double RateLimiter::rate(const std::string& family) const {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(family);
  return it == buckets_.end() ? settings_.initialRate : it->second.rate;
}

}  // namespace cc::providers
