#pragma once
// The apply lock: a small file in the deployment's state folder (deployment.h lockFile),
// created without overwrite, so two applies of one deployment cannot interleave, whoever runs
// them. The holder renews it (a heartbeat, renewApplyLock) while it works; a lock not renewed
// for `expireAfterMs` (10 minutes) is stale and taken over; `force-unlock LOCK_ID` deletes it.
// A create whose answer was lost leaves a lock with this holder's own id: it is recognised as
// ours on the retry, not waited for.
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
  std::int64_t expireAfterMs = 600'000;   // a lock not renewed for this long is stale
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
  std::int64_t renewedAtMs = -1;  // the last heartbeat; -1 before the first
  /// "2026-12-06 10:04:05 UTC", or "an unknown time".
  std::string since() const;
};
LockInfo parseLock(const std::string& content);

/// Creates the lock file; retries while held until timeoutMs; takes over an expired lock.
Result<ApplyLock> acquireApplyLock(Workspace& workspace, const std::string& lockFile, const LockSettings& settings);
/// The heartbeat: rewrites the lock with the time `nowMs` if it is still ours (an error if it
/// was taken over or removed).
Status renewApplyLock(Workspace& workspace, ApplyLock& lock, std::int64_t nowMs);
/// Deletes the lock if it is still ours.
Status releaseApplyLock(Workspace& workspace, const ApplyLock& lock);
/// `force-unlock`: deletes whatever lock is there (the command checks its id first).
Status forceUnlock(Workspace& workspace, const std::string& lockFile);

}  // namespace cc::engine
