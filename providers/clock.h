#pragma once
// Time as the providers see it: a Clock to read and a Sleeper to wait, so that retries,
// rate limiting and token expiry are testable without sleeping.

#include <chrono>

namespace cc::providers {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::steady_clock::time_point;

/// A monotonic clock. Tests use a fake that only moves when told to.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

/// Waits for a duration. Tests use a fake that records the request and returns at once.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleepFor(Millis duration) = 0;
};

/// The process's steady clock.
Clock& realClock();
/// std::this_thread::sleep_for.
Sleeper& realSleeper();

}  // namespace cc::providers
