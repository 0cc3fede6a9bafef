#pragma once
// The apply lock: a small file in the deployment's state folder (deployment.h lockFile),
// created without overwrite, so two applies of one deployment cannot interleave, whoever runs
// them. A lock older than its expiry is stale and taken over; `force-unlock LOCK_ID` deletes it.
//
//   LockSettings ls{.holder = "alice@host pid 42", .timeoutMs = opts.lockTimeoutSeconds * 1000,
//                   .nowMs = realNow, .sleepMs = realSleep};
//   auto lock = acquireApplyLock(registry.workspace(), plan.deployment.lockFile(), ls);
//   if (!lock) print(lock.diagnostics());   // names the holder, since when (UTC), the lock id
//   ... applyPlan ...;  releaseApplyLock(registry.workspace(), *lock);

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/provider.h"

namespace cc::engine {

struct LockSettings {
  std::string holder;                     // who: identity, host, pid — shown to the other apply
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
  std::string id;
};

/// What a lock file says: its id, holder and creation time.
struct LockInfo {
  std::string id;
  std::string holder = "an unknown holder";
  std::int64_t createdAtMs = -1;
  /// "2026-12-06 10:04:05 UTC", or "an unknown time".
  std::string since() const;
};
LockInfo parseLock(const std::string& content);

/// Creates the lock file; retries while held until timeoutMs; takes over an expired lock.
Result<ApplyLock> acquireApplyLock(Workspace& workspace, const std::string& lockFile, const LockSettings& settings);
/// Deletes the lock if it is still ours.
Status releaseApplyLock(Workspace& workspace, const ApplyLock& lock);
/// `force-unlock`: deletes whatever lock is there.
Status forceUnlock(Workspace& workspace, const std::string& lockFile);

}  // namespace cc::engine
