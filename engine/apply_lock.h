#pragma once
// The apply lock: a small file in the tool's state directory (ownership.h lockPath), created
// without overwrite, so two applies against one workspace cannot interleave. A lock older than
// its expiry is stale and taken over; `force-unlock` deletes it.
//
//   LockSettings ls{.holder = "alice@host pid 42", .timeoutMs = opts.lockTimeoutSeconds * 1000,
//                   .nowMs = realNow, .sleepMs = realSleep};
//   auto lock = acquireApplyLock(registry.workspace(), plan.toolRoot, ls);
//   if (!lock) print(lock.diagnostics());   // names the holder and since when
//   ... applyPlan ...;  releaseApplyLock(registry.workspace(), plan.toolRoot, *lock);

#include <cstdint>
#include <functional>
#include <string>

#include "engine/provider.h"

namespace cc::engine {

struct LockSettings {
  std::string holder;                     // who: user, host, pid — shown to the other apply
  std::int64_t timeoutMs = 0;             // --lock-timeout: how long to retry a held lock
  std::int64_t expireAfterMs = 3600'000;  // a lock older than this is stale
  std::function<std::int64_t()> nowMs;    // injected clock (engine has none)
  std::function<void(std::int64_t)> sleepMs;
  std::int64_t retryEveryMs = 1000;
};

/// The lock as held: its file content identifies this holder.
struct ApplyLock {
  std::string path;
  std::string content;
};

/// Creates the lock file; retries while held until timeoutMs; takes over an expired lock.
Result<ApplyLock> acquireApplyLock(Workspace& workspace, const std::string& root, const LockSettings& settings);

/// Deletes the lock if it is still ours.
Status releaseApplyLock(Workspace& workspace, const ApplyLock& lock);

/// `force-unlock`: deletes whatever lock is there.
Status forceUnlock(Workspace& workspace, const std::string& root);

}  // namespace cc::engine
