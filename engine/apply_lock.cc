#include "engine/apply_lock.h"

#include <nlohmann/json.hpp>

#include "engine/ownership.h"

namespace cc::engine {
namespace {

std::int64_t lockTime(const std::string& content) {
  auto j = nlohmann::json::parse(content, nullptr, false);
  if (!j.is_object() || !j.contains("created_at_ms") || !j["created_at_ms"].is_number_integer()) return -1;
  return j["created_at_ms"].get<std::int64_t>();
}

std::string lockHolder(const std::string& content) {
  auto j = nlohmann::json::parse(content, nullptr, false);
  return j.is_object() && j.contains("holder") && j["holder"].is_string() ? j["holder"].get<std::string>() : "unknown";
}

}  // namespace

Result<ApplyLock> acquireApplyLock(Workspace& workspace, const std::string& root, const LockSettings& settings) {
  const std::string path = lockPath(root);
  const std::int64_t start = settings.nowMs();
  while (true) {
    const std::int64_t now = settings.nowMs();
    const std::string content = nlohmann::json{{"holder", settings.holder}, {"created_at_ms", now}}.dump();
    auto created = workspace.createFileExclusive(path, content);
    if (!created) return created.diagnostics();
    if (*created) return ApplyLock{path, content};

    auto existing = workspace.readFiles({path});
    if (!existing) return existing.diagnostics();
    auto it = existing->find(path);
    if (it == existing->end()) continue;  // released between our two calls: try again now
    const std::int64_t since = lockTime(it->second.content);
    if (since < 0 || now - since >= settings.expireAfterMs) {
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
          "the workspace is locked by " + lockHolder(it->second.content) + " since " + std::to_string(since) +
              " (epoch ms); another apply is running",
          std::nullopt,
          "wait for it, use --lock-timeout to wait longer, or `community-connector force-unlock` if it crashed (" +
              path + ")");
    }
    settings.sleepMs(std::min(settings.retryEveryMs, settings.timeoutMs - (now - start)));
  }
}

Status releaseApplyLock(Workspace& workspace, const ApplyLock& lock) {
  auto existing = workspace.readFiles({lock.path});
  if (!existing) return existing.diagnostics();
  auto it = existing->find(lock.path);
  if (it == existing->end() || it->second.content != lock.content) return okStatus();  // taken over
  return workspace.deleteFile(lock.path);
}

Status forceUnlock(Workspace& workspace, const std::string& root) { return workspace.deleteFile(lockPath(root)); }

}  // namespace cc::engine
