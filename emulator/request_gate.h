#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <regex>
#include <string>

namespace cc::emulator {

/// Which requests the gate parks: those whose "METHOD PATH" matches `pattern` (when set) and
/// whose request number is at least `from` (when non-zero). Both empty/zero: none.
struct HoldRule {
  std::string pattern;
  uint64_t from = 0;
  bool active() const { return !pattern.empty() || from != 0; }
};

/// Parks matching requests until released (`--hold`, `--hold-from`, `/__emulator/hold`), so a
/// test can know a client is blocked at an exact point (it holds a lock, it is mid-apply)
/// instead of guessing from timing. A parked request is handled normally once released;
/// `release()` returns only when every request it released has been handled, so nothing
/// released lands after a later request. Parking is bounded (`maxWaitSeconds`) so a test
/// that forgets to release cannot hang the emulator forever.
class RequestGate {
 public:
  /// `onHeld` is told of each request as it is parked (for the stdout event line).
  RequestGate(HoldRule rule, std::function<void(uint64_t, const std::string&)> onHeld, int maxWaitSeconds = 300);

  /// Sets a new rule; an invalid regex is an error message, leaving the rule unchanged.
  std::string setRule(HoldRule rule);

  /// Called for each numbered request before it is handled; blocks while the rule holds it.
  /// The returned ticket must live until the request's effect is done.
  class Ticket;
  Ticket enter(uint64_t requestNumber, const std::string& methodPath);

  /// Clears the rule, lets every parked request go and waits until they are handled.
  /// Returns how many were released.
  uint64_t release();

  /// Requests parked right now.
  uint64_t heldCount() const;

  class Ticket {
   public:
    Ticket() = default;
    explicit Ticket(RequestGate* gate) : gate_(gate) {}
    Ticket(Ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Ticket& operator=(Ticket&&) = delete;
    Ticket(const Ticket&) = delete;
    ~Ticket();

   private:
    RequestGate* gate_ = nullptr;  // set only for a request that was parked
  };

 private:
  bool holds(uint64_t requestNumber, const std::string& methodPath) const;
  void finished();

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  HoldRule rule_;
  std::optional<std::regex> regex_;
  uint64_t generation_ = 0;  // bumped by release(): parked requests of older generations go
  uint64_t parked_ = 0;      // waiting right now
  uint64_t draining_ = 0;    // released (or timed out), not yet handled
  std::function<void(uint64_t, const std::string&)> onHeld_;
  int maxWaitSeconds_;
};

}  // namespace cc::emulator
