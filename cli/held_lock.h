#pragma once
// The apply lock while an apply holds it: renewed every minute (the heartbeat other applies
// judge staleness by) and released exactly once — at the end, or from the interrupt deadline.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "engine/apply_lock.h"

namespace cc::cli {

class HeldLock {
 public:
  HeldLock(engine::Workspace& workspace, engine::ApplyLock lock);
  ~HeldLock();  // stops the heartbeat, then releases
  HeldLock(const HeldLock&) = delete;
  HeldLock& operator=(const HeldLock&) = delete;

  /// Renews the lock every `everyMs` until release.
  void startHeartbeat(std::int64_t everyMs);
  /// Deletes the lock if it is still ours; later calls do nothing. Thread-safe.
  void release();

 private:
  void beat(std::int64_t everyMs);
  engine::Workspace& workspace_;
  engine::ApplyLock lock_;
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool released_ = false;
  std::thread heartbeat_;
};

}  // namespace cc::cli
