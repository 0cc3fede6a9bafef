#pragma once
// Client-side rate limiting per API family: a token bucket whose rate halves on a 429 and
// creeps back up on success (AIMD), so a large apply runs near the workspace's limit.

#include <map>
#include <optional>
#include <mutex>
#include <string>

#include "providers/clock.h"

namespace cc::providers {

struct RateLimiterSettings {
  double initialRate = 20.0;  // requests per second per family
  double minRate = 0.5;
  double maxRate = 100.0;
  double burst = 10.0;        // bucket capacity
  double increase = 0.5;      // added to the rate per successful request
  double decrease = 0.5;      // multiplied into the rate per 429 (at most once per interval)
  Millis decreaseInterval{1000};
  bool enabled = true;
};

/// "workspace", "repos", "connections", "pipelines", "scim", "oauth" or "other", from a path.
std::string apiFamily(const std::string& path);

/// Thread-safe. `acquire` reserves a token and sleeps (outside the lock) until it is due.
class RateLimiter {
 public:
  RateLimiter(RateLimiterSettings settings, Clock& clock, Sleeper& sleeper);

  /// Returns the delay it waited.
  Millis acquire(const std::string& family);
  void onThrottled(const std::string& family);
  void onSuccess(const std::string& family);
  double rate(const std::string& family) const;

 private:
  struct Bucket {
    double rate;
    double tokens;
    TimePoint last;
    /// When the rate was last cut: parallel workers that all hit 429 in the same moment are
    /// one signal, not N, so the rate is cut at most once per `decreaseInterval`.
    std::optional<TimePoint> lastDecrease;
  };
  Bucket& bucket(const std::string& family);

  RateLimiterSettings settings_;
  Clock& clock_;
  Sleeper& sleeper_;
  mutable std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace cc::providers
