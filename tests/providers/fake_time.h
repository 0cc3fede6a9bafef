#pragma once
// A fake Clock and a Sleeper that records each requested delay, advances the fake clock by
// it and returns at once: retries and rate limiting run without sleeping.

#include <mutex>
#include <vector>

#include "providers/clock.h"

namespace cc::providers::testing {

/// Starts at an arbitrary point; moves only through advance() or the paired sleeper.
class FakeClock final : public Clock {
 public:
  TimePoint now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void advance(Millis d) {
    std::lock_guard lock(mutex_);
    now_ += d;
  }

 private:
  mutable std::mutex mutex_;
  TimePoint now_ = TimePoint(std::chrono::hours(1000));
};

/// Records every sleep; advances `clock` (if given) instead of waiting.
class RecordingSleeper final : public Sleeper {
 public:
  explicit RecordingSleeper(FakeClock* clock = nullptr) : clock_(clock) {}
  void sleepFor(Millis d) override {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(d);
    if (clock_ != nullptr) clock_->advance(d);
  }
  std::vector<Millis> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

 private:
  FakeClock* clock_;
  mutable std::mutex mutex_;
  std::vector<Millis> sleeps_;
};

}  // namespace cc::providers::testing
