// The observe phase (planner_phases.h).
#include <future>

#include "engine/planner_phases.h"

namespace cc::engine {
namespace {

using Pending = std::vector<std::pair<ResourceKind, std::future<Result<std::vector<ObservedResource>>>>>;

Status collect(Pending& pending, const KeysByKind& byKind, ObservedMap& observed) {
  Diagnostics errors;
  for (auto& [kind, future] : pending) {
    auto result = future.get();
    if (!result) {
      errors.append(withContext(result.diagnostics(), "reading " + std::string(kindName(kind)) + "s"));
      continue;
    }
    const auto& keys = byKind.at(kind);
    if (result->size() != keys.size()) {
      errors.error("reading " + std::string(kindName(kind)) + "s: the provider answered " +
                   std::to_string(result->size()) + " of " + std::to_string(keys.size()) + " resources");
      continue;
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
      ObservedResource o = std::move((*result)[i]);
      o.key = keys[i];
      observed[keys[i]] = std::move(o);
    }
  }
  if (errors.hasErrors()) return errors;
  return okStatus();
}

// Fingerprints of the deployment's state file, else (a connection of an earlier release) of
// the earlier per-identity store, each checked with the key of the file it came from.
void attachFingerprints(ObservedMap& observed, const std::map<std::string, SmallFile>& files,
                        const std::string& statePath, const std::string& legacyPath, Observation& out) {
  StateFileContent legacy;
  FingerprintKey stateKey, legacyKey;
  if (auto f = files.find(statePath); f != files.end()) {
    out.state = parseStateFile(f->second.content);
    out.stateFound = true;
    stateKey = fingerprintKeyOf(f->second.content);
  }
  if (auto f = files.find(legacyPath); f != files.end()) {
    legacy = parseStateFile(f->second.content);
    legacyKey = fingerprintKeyOf(f->second.content);
  }
  for (auto& [key, o] : observed) {
    if (key.kind != ResourceKind::Connection) continue;
    if (auto r = out.state.fingerprints.find(key.name); r != out.state.fingerprints.end()) {
      o.fingerprints = r->second;
      o.fingerprintKey = stateKey;
    } else if (auto l = legacy.fingerprints.find(key.name); l != legacy.fingerprints.end()) {
      o.fingerprints = l->second;
      o.fingerprintKey = legacyKey;
    }
  }
}

}  // namespace

Diagnostics withContext(const Diagnostics& in, const std::string& operation) {
  Diagnostics out;
  for (Diagnostic d : in.items()) {
    d.summary = operation + ": " + d.summary;
    out.add(std::move(d));
  }
  return out;
}

bool recordedKind(ResourceKind kind) {
  return kind == ResourceKind::Connection || kind == ResourceKind::Pipeline || kind == ResourceKind::Repo ||
         kind == ResourceKind::IngestFile;
}

Result<Observation> observePhase(ProviderRegistry& registry, const KeysByKind& byKind, const Deployment& deployment,
                                 const std::string& legacyRoot) {
  Pending pending;
  for (const auto& [kind, keys] : byKind) {
    if (keys.empty()) continue;
    Provider& p = registry.provider(kind);
    pending.emplace_back(kind, std::async(std::launch::async, [&p, &keys = keys] { return p.observe(keys); }));
  }
  const std::string statePath = deployment.stateFile();
  const std::string legacyPath = legacyRoot.empty() ? std::string() : legacyFingerprintStorePath(legacyRoot);
  const bool connections = byKind.count(ResourceKind::Connection) > 0;
  Workspace& ws = registry.workspace();
  auto files = std::async(std::launch::async, [&ws, &statePath, &legacyPath, connections] {
    std::vector<std::string> paths{statePath};
    if (connections && !legacyPath.empty()) paths.push_back(legacyPath);
    return ws.readFiles(paths);
  });
  Observation out;
  Status observed = collect(pending, byKind, out.resources);
  auto read = files.get();
  Diagnostics errors;
  if (!observed) errors.append(observed.diagnostics());
  if (!read) errors.append(withContext(read.diagnostics(), "reading the deployment's state " + statePath));
  if (errors.hasErrors()) return errors;
  attachFingerprints(out.resources, *read, statePath, legacyPath, out);
  return out;
}

nlohmann::json recordEntry(const ObservedResource& observed, const std::vector<ResourceKey>& uses) {
  nlohmann::json entry = {{"id", observed.remoteId}};
  nlohmann::json list = nlohmann::json::array();
  for (const ResourceKey& k : uses)
    if (recordedKind(k.kind)) list.push_back(k.address());
  if (!list.empty()) entry["uses"] = std::move(list);
  return entry;
}

}  // namespace cc::engine
