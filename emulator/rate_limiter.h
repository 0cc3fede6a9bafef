#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace cc::emulator {

/// One token bucket per API family (`--rate-limit R`: R requests/s, burst max(1, R)); a request
/// over the limit is answered 429 before any side effect.
class RateLimiter {
 public:
  explicit RateLimiter(double ratePerSecond) : rate_(ratePerSecond) {}

  /// True when the request may proceed; always true when the limit is 0.
  bool allow(const std::string& family);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point refilled;
  };
  double rate_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace cc::emulator
