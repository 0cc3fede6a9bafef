#pragma once
// Client-side rate limiting per API family. A family is not paced until the workspace first
// answers 429: reads of a large plan then go as fast as the parallelism allows. From that 429
// on, a token bucket paces it, starting at half the rate just measured, creeping up on each
// success and halving (at most once a second) when a quarter or more of the last second's
// answers were 429 (AIMD). A workspace that throttles a rate therefore settles the client a
// little above it, so the limit is used in full; 429s scattered among successes, which say
// nothing about the rate, do not drag the rate to the floor.

#include <map>
#include <optional>
#include <mutex>
#include <string>

#include "providers/clock.h"

namespace cc::providers {

struct RateLimiterSettings {
  /// Requests per second assumed at a family's first 429 when fewer were measured.
  double initialRate = 20.0;
  double minRate = 0.5;
  double maxRate = 1000.0;
  double burst = 10.0;        // bucket capacity
  double increase = 0.5;      // added to the rate per successful request
  double decrease = 0.5;      // multiplied into the rate per cut (at most once per interval)
  double cutShare = 0.25;     // share of 429s among the current second's answers that cuts the rate
  Millis decreaseInterval{1000};
  bool enabled = true;
  /// Pace every family from the first request (at initialRate), not only after a 429.
  bool paceFromStart = false;
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
    double rate = 0;
    double tokens = 0;
    TimePoint last;
    bool paced = false;  // set by the first 429 (or paceFromStart)
    // One-second windows: requests sent in this one and the previous one (the recent rate),
    // answers and 429s in this one (the share of 429s).
    TimePoint windowStart;
    double sent = 0, previousSent = 0, answers = 0, throttled = 0;
    /// When the rate was last cut: parallel workers that all hit 429 in the same moment are
    /// one signal, not N, so the rate is cut at most once per `decreaseInterval`.
    std::optional<TimePoint> lastDecrease;
  };
  Bucket& bucket(const std::string& family);
  static void roll(Bucket& b, TimePoint now);
  static double recentRate(const Bucket& b, TimePoint now);
  void countAnswer(Bucket& b, bool throttled);

  RateLimiterSettings settings_;
  Clock& clock_;
  Sleeper& sleeper_;
  mutable std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace cc::providers
