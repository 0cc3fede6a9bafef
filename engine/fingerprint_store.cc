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

namespace {

// One member of the "connections" object, serialised: "<name>":<record>.
std::string memberText(const std::string& name, const nlohmann::json& record) {
  return nlohmann::json(name).dump() + ":" + record.dump();
}

std::optional<FingerprintKey> storedKeyOf(const nlohmann::json& doc) {
  if (!doc.is_object()) return std::nullopt;
  auto key = doc.find("key");
  if (key == doc.end() || !key->is_string()) return std::nullopt;
  return fingerprintKeyFromHex(key->get<std::string>());
}

// The store from members already serialised: a write then costs one pass over the bytes, not a
// serialisation of every record (the executor writes the store after each batch of changes).
std::string renderMembers(const std::map<std::string, std::string>& members, const FingerprintKey& key) {
  std::size_t size = 128;
  for (const auto& [name, text] : members) size += text.size() + 1;
  std::string out;
  out.reserve(size);
  out += R"({"connections":{)";
  bool first = true;
  for (const auto& [name, text] : members) {
    if (!first) out += ',';
    first = false;
    out += text;
  }
  out += "}";
  if (!key.empty()) out += R"(,"key":")" + fingerprintKeyHex(key) + "\"";
  out += R"(,"version":1})";
  return out;
}

}  // namespace

std::string renderFingerprintStore(const std::map<std::string, nlohmann::json>& records) {
  std::map<std::string, std::string> members;
  for (const auto& [name, record] : records) members.emplace(name, memberText(name, record));
  return renderMembers(members, {});
}

FingerprintKey fingerprintKeyOf(std::string_view storeContent) {
  if (auto fromEnv = fingerprintKeyFromEnvironment()) return *fromEnv;
  return storedKeyOf(nlohmann::json::parse(storeContent, nullptr, false)).value_or(FingerprintKey());
}

FingerprintStore::FingerprintStore(Workspace& workspace, std::string path)
    : workspace_(workspace), path_(std::move(path)) {}

// Read once, at the first change: the apply lock is held, so nobody else writes meanwhile.
Status FingerprintStore::loadLocked() {
  if (loaded_) return okStatus();
  auto files = workspace_.readFiles({path_});
  if (!files) return files.diagnostics();
  if (auto f = files->find(path_); f != files->end()) {
    for (const auto& [name, record] : parseFingerprintStore(f->second.content)) members_.emplace(name, memberText(name, record));
    storedKey_ = storedKeyOf(nlohmann::json::parse(f->second.content, nullptr, false)).value_or(FingerprintKey());
  }
  loaded_ = true;
  return okStatus();
}

Result<FingerprintKey> FingerprintStore::key() {
  if (auto fromEnv = fingerprintKeyFromEnvironment()) return *fromEnv;
  std::unique_lock lock(mutex_);
  if (Status loaded = loadLocked(); !loaded) return loaded.diagnostics();
  if (storedKey_.empty()) storedKey_ = newFingerprintKey();  // written with the change that follows
  return storedKey_;
}

Status FingerprintStore::change(const std::string& connection, std::optional<nlohmann::json> record) {
  std::unique_lock lock(mutex_);
  if (Status loaded = loadLocked(); !loaded) return loaded;
  if (record) members_[connection] = memberText(connection, *record);
  else members_.erase(connection);
  const std::uint64_t mine = ++changes_;
  while (written_ < mine) {
    if (writing_) {
      written_cv_.wait(lock);
      continue;
    }
    // This thread writes everything changed so far; the others wait for it.
    writing_ = true;
    const std::uint64_t upTo = changes_;
    // The environment's key is never written; a stored one stays for records made with it.
    const std::string content = renderMembers(members_, fingerprintKeyFromEnvironment() ? FingerprintKey() : storedKey_);
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
