#include "engine/apply_lock.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "engine/secret_fingerprint.h"

namespace cc::engine {

LockInfo parseLock(const std::string& content) {
  LockInfo info;
  auto j = nlohmann::json::parse(content, nullptr, false);
  if (!j.is_object()) return info;
  if (j.contains("id") && j["id"].is_string()) info.id = j["id"].get<std::string>();
  if (j.contains("holder") && j["holder"].is_string()) info.holder = j["holder"].get<std::string>();
  if (j.contains("created_at_ms") && j["created_at_ms"].is_number_integer())
    info.createdAtMs = j["created_at_ms"].get<std::int64_t>();
  if (j.contains("renewed_at_ms") && j["renewed_at_ms"].is_number_integer())
    info.renewedAtMs = j["renewed_at_ms"].get<std::int64_t>();
  return info;
}

std::string LockInfo::since() const {
  if (createdAtMs < 0) return "an unknown time";
  const std::time_t seconds = static_cast<std::time_t>(createdAtMs / 1000);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return "an unknown time";
  char text[32];
  if (std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc) == 0) return "an unknown time";
  return text;
}

Result<ApplyLock> acquireApplyLock(Workspace& workspace, const std::string& path, const LockSettings& settings) {
  const std::int64_t start = settings.nowMs();
  const std::string id = fingerprintKeyHex(newFingerprintKey()).substr(0, 16);
  while (true) {
    const std::int64_t now = settings.nowMs();
    const std::string content =
        nlohmann::json{{"id", id}, {"holder", settings.holder}, {"created_at_ms", now}}.dump();
    auto created = workspace.createFileExclusive(path, content);
    if (!created) return created.diagnostics();
    if (*created) return ApplyLock{path, content, id};

    auto existing = workspace.readFiles({path});
    if (!existing) return existing.diagnostics();
    auto it = existing->find(path);
    if (it == existing->end()) continue;  // released between our two calls: try again now
    const LockInfo held = parseLock(it->second.content);
    if (held.id == id) return ApplyLock{path, it->second.content, id};  // our create, its answer lost
    const std::int64_t lastSign = std::max(held.createdAtMs, held.renewedAtMs);
    if (held.createdAtMs < 0 || now - lastSign >= settings.expireAfterMs) {
      // Stale (or unreadable): take it over. Re-read first so that a lock renewed meanwhile is
      // not deleted; the create without overwrite still decides who wins.
      auto again = workspace.readFiles({path});
      if (again && again->count(path) && again->at(path).content == it->second.content) {
        Status removed = workspace.deleteFile(path);
        if (!removed) return removed.diagnostics();
      }
      continue;
    }
    if (now - start >= settings.timeoutMs) {
      return Result<ApplyLock>::failure(
          "the deployment is locked by " + held.holder + " since " + held.since() + " (lock id " +
              (held.id.empty() ? std::string("unknown") : held.id) + "); another apply is running",
          std::nullopt,
          "wait for it, use --lock-timeout to wait longer (e.g. --lock-timeout 5m), or, if it crashed, "
          "`community-connector force-unlock " + (held.id.empty() ? std::string("LOCK_ID") : held.id) +
              "` (" + path + "; a lock not renewed for " + std::to_string(settings.expireAfterMs / 60'000) +
              " minutes is taken over)");
    }
    settings.sleepMs(std::min(settings.retryEveryMs, settings.timeoutMs - (now - start)));
  }
}

Status renewApplyLock(Workspace& workspace, ApplyLock& lock, std::int64_t nowMs) {
  auto existing = workspace.readFiles({lock.path});
  if (!existing) return existing.diagnostics();
  auto it = existing->find(lock.path);
  if (it == existing->end() || it->second.content != lock.content)
    return Status::failure("the apply lock " + lock.path + " was removed or taken over while this apply ran", std::nullopt,
                           "another apply may be running: check the workspace, then plan again");
  auto content = nlohmann::json::parse(lock.content, nullptr, false);
  if (!content.is_object()) content = nlohmann::json::object();
  content["renewed_at_ms"] = nowMs;
  const std::string renewed = content.dump();
  if (Status written = workspace.writeFile(lock.path, renewed); !written) return written;
  lock.content = renewed;
  return okStatus();
}

Status releaseApplyLock(Workspace& workspace, const ApplyLock& lock) {
  auto existing = workspace.readFiles({lock.path});
  if (!existing) return existing.diagnostics();
  auto it = existing->find(lock.path);
  if (it == existing->end() || it->second.content != lock.content) return okStatus();  // taken over
  return workspace.deleteFile(lock.path);
}

Status forceUnlock(Workspace& workspace, const std::string& lockFile) { return workspace.deleteFile(lockFile); }

}  // namespace cc::engine
