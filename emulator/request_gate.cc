#include "emulator/request_gate.h"

#include <chrono>

namespace cc::emulator {

RequestGate::RequestGate(HoldRule rule, std::function<void(uint64_t, const std::string&)> onHeld, int maxWaitSeconds)
    : onHeld_(std::move(onHeld)), maxWaitSeconds_(maxWaitSeconds) {
  setRule(std::move(rule));
}

std::string RequestGate::setRule(HoldRule rule) {
  std::optional<std::regex> compiled;
  if (!rule.pattern.empty()) {
    try {
      compiled.emplace(rule.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      return "invalid hold pattern '" + rule.pattern + "': " + error.what();
    }
  }
  std::lock_guard lock(mutex_);
  rule_ = std::move(rule);
  regex_ = std::move(compiled);
  return "";
}

bool RequestGate::holds(uint64_t requestNumber, const std::string& methodPath) const {
  if (!rule_.active()) return false;
  if (rule_.from != 0 && requestNumber < rule_.from) return false;
  return !regex_ || std::regex_search(methodPath, *regex_);
}

RequestGate::Ticket RequestGate::enter(uint64_t requestNumber, const std::string& methodPath) {
  std::unique_lock lock(mutex_);
  if (!holds(requestNumber, methodPath)) return Ticket();
  const uint64_t generation = generation_;
  ++parked_;
  if (onHeld_) onHeld_(requestNumber, methodPath);
  changed_.wait_for(lock, std::chrono::seconds(maxWaitSeconds_), [&] { return generation_ != generation; });
  --parked_;
  ++draining_;
  return Ticket(this);
}

void RequestGate::finished() {
  std::lock_guard lock(mutex_);
  --draining_;
  changed_.notify_all();
}

RequestGate::Ticket::~Ticket() {
  if (gate_ != nullptr) gate_->finished();
}

uint64_t RequestGate::release() {
  std::unique_lock lock(mutex_);
  rule_ = HoldRule{};
  regex_.reset();
  const uint64_t released = parked_;
  ++generation_;
  changed_.notify_all();
  changed_.wait(lock, [&] { return parked_ == 0 && draining_ == 0; });
  return released;
}

uint64_t RequestGate::heldCount() const {
  std::lock_guard lock(mutex_);
  return parked_;
}

}  // namespace cc::emulator
