#include "engine/fingerprint_store.h"

namespace cc::engine {

std::map<std::string, nlohmann::json> parseFingerprintStore(std::string_view content) {
  std::map<std::string, nlohmann::json> records;
  const auto doc = nlohmann::json::parse(content, nullptr, false);
  if (!doc.is_object()) return records;
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || *version != 1) return records;
  const auto connections = doc.find("connections");
  if (connections == doc.end() || !connections->is_object()) return records;
  for (const auto& [name, record] : connections->items()) {
    if (record.is_object()) records.emplace(name, record);
  }
  return records;
}

std::string renderFingerprintStore(const std::map<std::string, nlohmann::json>& records) {
  nlohmann::json doc = {{"version", 1}, {"connections", nlohmann::json::object()}};
  for (const auto& [name, record] : records) doc["connections"][name] = record;
  return doc.dump();
}

FingerprintStore::FingerprintStore(Workspace& workspace, std::string path)
    : workspace_(workspace), path_(std::move(path)) {}

// Read once, at the first change: the apply lock is held, so nobody else writes meanwhile.
Status FingerprintStore::loadLocked() {
  if (loaded_) return okStatus();
  auto files = workspace_.readFiles({path_});
  if (!files) return files.diagnostics();
  if (auto f = files->find(path_); f != files->end()) records_ = parseFingerprintStore(f->second.content);
  loaded_ = true;
  return okStatus();
}

Status FingerprintStore::change(const std::string& connection, std::optional<nlohmann::json> record) {
  std::unique_lock lock(mutex_);
  if (Status loaded = loadLocked(); !loaded) return loaded;
  if (record) records_[connection] = std::move(*record);
  else records_.erase(connection);
  const std::uint64_t mine = ++changes_;
  while (written_ < mine) {
    if (writing_) {
      written_cv_.wait(lock);
      continue;
    }
    // This thread writes everything changed so far; the others wait for it.
    writing_ = true;
    const std::uint64_t upTo = changes_;
    const std::string content = renderFingerprintStore(records_);
    lock.unlock();
    Status status = workspace_.writeFile(path_, content);
    lock.lock();
    writing_ = false;
    if (status) written_ = std::max(written_, upTo);
    written_cv_.notify_all();
    // A failed write fails this action; a waiting one takes its turn and writes again.
    if (!status) return status;
  }
  return okStatus();
}

}  // namespace cc::engine
