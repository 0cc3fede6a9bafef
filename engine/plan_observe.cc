// The observe phase (planner_phases.h).
#include <future>

#include "engine/field_rules.h"
#include "engine/planner_phases.h"

namespace cc::engine {
namespace {

using Pending = std::vector<std::pair<ResourceKind, std::future<Result<std::vector<ObservedResource>>>>>;

// One observe per kind, all kinds at once.
Pending startObserving(ProviderRegistry& registry, const KeysByKind& byKind) {
  Pending pending;
  for (const auto& [kind, keys] : byKind) {
    if (keys.empty()) continue;
    Provider& p = registry.provider(kind);
    pending.emplace_back(kind, std::async(std::launch::async, [&p, &keys = keys] { return p.observe(keys); }));
  }
  return pending;
}

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

// Fingerprints from `content` (one state file) for the connections that have none yet, each
// checked with that file's key.
void attachFingerprints(ObservedMap& observed, const std::string& content) {
  const StateFileContent file = parseStateFile(content);
  const FingerprintKey key = fingerprintKeyOf(content);
  for (auto& [k, o] : observed) {
    if (!kindRules(k.kind).secretFingerprints || !o.fingerprints.empty()) continue;
    if (auto r = file.fingerprints.find(k.name); r != file.fingerprints.end()) {
      o.fingerprints = r->second;
      o.fingerprintKey = key;
    }
  }
}

bool connectionWithoutFingerprint(const ObservedMap& observed) {
  for (const auto& [k, o] : observed)
    if (kindRules(k.kind).secretFingerprints && o.exists && o.fingerprints.empty()) return true;
  return false;
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

Result<ObservedMap> observeKinds(ProviderRegistry& registry, const KeysByKind& byKind) {
  Pending pending = startObserving(registry, byKind);
  ObservedMap out;
  if (auto ok = collect(pending, byKind, out); !ok) return ok.diagnostics();
  return out;
}

bool recordedKind(ResourceKind kind) { return kindRules(kind).recorded; }

Result<Observation> observePhase(ProviderRegistry& registry, const KeysByKind& byKind, const Deployment& deployment,
                                 const std::string& legacyRoot, const std::optional<StateFileSnapshot>& known) {
  Pending pending = startObserving(registry, byKind);
  const std::string statePath = deployment.stateFile();
  Workspace& ws = registry.workspace();
  // The state file once per plan: makePlan has usually read it already.
  auto files = std::async(std::launch::async, [&ws, &statePath, &known]() -> Result<std::map<std::string, SmallFile>> {
    if (!known) return ws.readFiles({statePath});
    std::map<std::string, SmallFile> out;
    if (known->content) out[statePath].content = *known->content;
    return out;
  });
  Observation out;
  Status observed = collect(pending, byKind, out.resources);
  auto read = files.get();
  Diagnostics errors;
  if (!observed) errors.append(observed.diagnostics());
  if (!read) errors.append(withContext(read.diagnostics(), "reading the deployment's state " + statePath));
  if (errors.hasErrors()) return errors;
  if (auto f = read->find(statePath); f != read->end()) {
    out.state = parseStateFile(f->second.content);
    out.stateFound = true;
    attachFingerprints(out.resources, f->second.content);
  }
  // A connection of an earlier release: its fingerprints are in that release's per-identity
  // store, read only when some connection has none here (so no secret is sent again).
  if (!legacyRoot.empty() && connectionWithoutFingerprint(out.resources)) {
    const std::string legacyPath = legacyFingerprintStorePath(legacyRoot);
    auto legacy = ws.readFiles({legacyPath});
    if (!legacy) return withContext(legacy.diagnostics(), "reading " + legacyPath);
    if (auto f = legacy->find(legacyPath); f != legacy->end()) attachFingerprints(out.resources, f->second.content);
  }
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
