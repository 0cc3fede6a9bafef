#include "engine/state_store.h"

namespace cc::engine {
namespace {

std::optional<ResourceKey> keyOfAddress(std::string_view address) {
  const auto dot = address.find('.');
  ResourceKey key;
  if (dot == std::string_view::npos || !parseKindName(address.substr(0, dot), key.kind)) return std::nullopt;
  key.name = std::string(address.substr(dot + 1));
  if (key.name.empty()) return std::nullopt;
  return key;
}

// One member of an object, serialised: "<name>":<value>.
std::string memberText(const std::string& name, const nlohmann::json& value) {
  return nlohmann::json(name).dump() + ":" + value.dump();
}

std::optional<FingerprintKey> storedKeyOf(const nlohmann::json& doc) {
  if (!doc.is_object()) return std::nullopt;
  auto key = doc.find("key");
  if (key == doc.end() || !key->is_string()) return std::nullopt;
  return fingerprintKeyFromHex(key->get<std::string>());
}

void appendObject(std::string& out, const char* name, const std::map<std::string, std::string>& members) {
  out += '"';
  out += name;
  out += "\":{";
  bool first = true;
  for (const auto& [member, text] : members) {
    if (!first) out += ',';
    first = false;
    out += text;
  }
  out += '}';
}

// The file from members already serialised: a write then costs one pass over the bytes, not a
// serialisation of every record (the executor writes the file after each batch of changes).
std::string renderMembers(const std::map<std::string, std::string>& fingerprints,
                          const std::map<std::string, std::string>& resources, const std::string& deployment,
                          const std::string& user, const FingerprintKey& key) {
  std::size_t size = 160 + deployment.size() + user.size();
  for (const auto& m : {&fingerprints, &resources})
    for (const auto& [name, text] : *m) size += text.size() + 1;
  std::string out;
  out.reserve(size);
  out += '{';
  appendObject(out, "connections", fingerprints);
  out += ",\"deployment\":" + nlohmann::json(deployment).dump();
  if (!key.empty()) out += R"(,"key":")" + fingerprintKeyHex(key) + "\"";
  out += ',';
  appendObject(out, "resources", resources);
  if (!user.empty()) out += ",\"user\":" + nlohmann::json(user).dump();
  out += R"(,"version":2})";
  return out;
}

}  // namespace

StateFileContent parseStateFile(std::string_view content) {
  StateFileContent out;
  const auto doc = nlohmann::json::parse(content, nullptr, false);
  if (!doc.is_object()) return out;
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || (*version != 1 && *version != 2)) return out;
  if (auto connections = doc.find("connections"); connections != doc.end() && connections->is_object()) {
    for (const auto& [name, record] : connections->items())
      if (record.is_object()) out.fingerprints.emplace(name, record);
  }
  if (auto key = doc.find("key"); key != doc.end() && key->is_string()) out.keyHex = key->get<std::string>();
  if (*version == 1) return out;
  if (auto d = doc.find("deployment"); d != doc.end() && d->is_string()) out.deployment = d->get<std::string>();
  if (auto u = doc.find("user"); u != doc.end() && u->is_string()) out.user = u->get<std::string>();
  if (auto resources = doc.find("resources"); resources != doc.end() && resources->is_object()) {
    for (const auto& [address, entry] : resources->items()) {
      auto key = keyOfAddress(address);
      if (key && entry.is_object()) out.resources.emplace(std::move(*key), entry);
    }
  }
  return out;
}

std::string renderStateFile(const StateFileContent& content) {
  std::map<std::string, std::string> fingerprints, resources;
  for (const auto& [name, record] : content.fingerprints) fingerprints.emplace(name, memberText(name, record));
  for (const auto& [key, entry] : content.resources) resources.emplace(key.address(), memberText(key.address(), entry));
  return renderMembers(fingerprints, resources, content.deployment, content.user,
                       fingerprintKeyFromHex(content.keyHex).value_or(FingerprintKey()));
}

FingerprintKey fingerprintKeyOf(std::string_view stateFileContent) {
  if (auto fromEnv = fingerprintKeyFromEnvironment()) return *fromEnv;
  return storedKeyOf(nlohmann::json::parse(stateFileContent, nullptr, false)).value_or(FingerprintKey());
}

StateStore::StateStore(Workspace& workspace, std::string path, std::string deploymentId, std::string user)
    : workspace_(workspace), path_(std::move(path)), deploymentId_(std::move(deploymentId)), user_(std::move(user)) {}

// Read once, at the first change: the apply lock is held, so nobody else writes meanwhile.
Status StateStore::loadLocked() {
  if (loaded_) return okStatus();
  auto files = workspace_.readFiles({path_});
  if (!files) return files.diagnostics();
  if (auto f = files->find(path_); f != files->end()) {
    const StateFileContent content = parseStateFile(f->second.content);
    for (const auto& [name, record] : content.fingerprints) fingerprints_.emplace(name, memberText(name, record));
    for (const auto& [key, entry] : content.resources)
      resources_.emplace(key.address(), memberText(key.address(), entry));
    if (!content.user.empty()) user_ = content.user;  // the first apply's identity stays
    storedKey_ = storedKeyOf(nlohmann::json::parse(f->second.content, nullptr, false)).value_or(FingerprintKey());
  }
  loaded_ = true;
  return okStatus();
}

Result<FingerprintKey> StateStore::key() {
  if (auto fromEnv = fingerprintKeyFromEnvironment()) return *fromEnv;
  std::unique_lock lock(mutex_);
  if (Status loaded = loadLocked(); !loaded) return loaded.diagnostics();
  if (storedKey_.empty()) storedKey_ = newFingerprintKey();  // written with the change that follows
  return storedKey_;
}

Result<bool> StateStore::recorded(const ResourceKey& key) {
  std::unique_lock lock(mutex_);
  if (Status loaded = loadLocked(); !loaded) return loaded.diagnostics();
  return resources_.count(key.address()) > 0;
}

Status StateStore::changeFingerprint(const std::string& connection, std::optional<nlohmann::json> record) {
  return changeMany({}, {{connection, std::move(record)}});
}

Status StateStore::changeRecord(const ResourceKey& key, std::optional<nlohmann::json> entry) {
  return changeMany({{key, std::move(entry)}}, {});
}

Status StateStore::changeMany(const std::map<ResourceKey, std::optional<nlohmann::json>>& entries,
                              const std::map<std::string, std::optional<nlohmann::json>>& fingerprints) {
  std::unique_lock lock(mutex_);
  if (Status loaded = loadLocked(); !loaded) return loaded;
  for (const auto& [key, entry] : entries) {
    if (entry) resources_[key.address()] = memberText(key.address(), *entry);
    else resources_.erase(key.address());
  }
  for (const auto& [name, record] : fingerprints) {
    if (record) fingerprints_[name] = memberText(name, *record);
    else fingerprints_.erase(name);
  }
  return writeLocked(lock);
}

Status StateStore::writeLocked(std::unique_lock<std::mutex>& lock) {
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
    const std::string content = renderMembers(fingerprints_, resources_, deploymentId_, user_,
                                              fingerprintKeyFromEnvironment() ? FingerprintKey() : storedKey_);
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
