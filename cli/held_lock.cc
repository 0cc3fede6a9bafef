#include "cli/held_lock.h"

#include <chrono>

#include "cli/command_support.h"
#include "providers/workspace_client.h"

namespace cc::cli {

HeldLock::HeldLock(engine::Workspace& workspace, engine::ApplyLock lock) : workspace_(workspace), lock_(std::move(lock)) {}

HeldLock::~HeldLock() {
  release();
  if (heartbeat_.joinable()) heartbeat_.join();
}

void HeldLock::startHeartbeat(std::int64_t everyMs) {
  heartbeat_ = std::thread([this, everyMs] { beat(everyMs); });
}

void HeldLock::beat(std::int64_t everyMs) {
  std::unique_lock lock(mutex_);
  while (!stop_cv_.wait_for(lock, std::chrono::milliseconds(everyMs), [this] { return released_; })) {
    // A failed renewal is retried at the next beat; the apply goes on either way (its own
    // requests fail if the workspace is gone).
    (void)engine::renewApplyLock(workspace_, lock_, wallNowMs());
  }
}

void HeldLock::release() {
  std::lock_guard lock(mutex_);
  if (released_) return;
  released_ = true;
  stop_cv_.notify_all();
  const providers::CancelExemption cleanup;  // released even after a Ctrl-C
  (void)engine::releaseApplyLock(workspace_, lock_);
}

}  // namespace cc::cli
