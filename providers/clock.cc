#include "providers/clock.h"

#include <thread>

namespace cc::providers {
namespace {

class SteadyClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

class ThreadSleeper final : public Sleeper {
 public:
  void sleepFor(Millis duration) override {
    if (duration.count() > 0) std::this_thread::sleep_for(duration);
  }
};

}  // namespace

Clock& realClock() {
  static SteadyClock clock;
  return clock;
}

Sleeper& realSleeper() {
  static ThreadSleeper sleeper;
  return sleeper;
}

}  // namespace cc::providers
