#include "emulator/rate_limiter.h"

#include <algorithm>

namespace cc::emulator {

bool RateLimiter::allow(const std::string& family) {
  if (rate_ <= 0) return true;
  const double burst = std::max(1.0, rate_);
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = buckets_.try_emplace(family, Bucket{burst, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
    bucket.tokens = std::min(burst, bucket.tokens + elapsed * rate_);
    bucket.refilled = now;
  }
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

}  // namespace cc::emulator
