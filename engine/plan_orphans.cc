// The orphan and edge phases (planner_phases.h): what the deployment owns outside the
// manifest, and the order of every action.
#include <future>

#include "engine/field_rules.h"
#include "engine/planner_phases.h"

namespace cc::engine {
namespace {

std::vector<ResourceKey> recordedUses(const nlohmann::json& entry) {
  std::vector<ResourceKey> uses;
  auto list = entry.find("uses");
  if (list == entry.end() || !list->is_array()) return uses;
  for (const auto& address : *list) {
    if (!address.is_string()) continue;
    const std::string text = address.get<std::string>();
    const auto dot = text.find('.');
    ResourceKey key;
    if (dot == std::string::npos || !parseKindName(std::string_view(text).substr(0, dot), key.kind)) continue;
    key.name = text.substr(dot + 1);
    uses.push_back(std::move(key));
  }
  return uses;
}

std::string parentPath(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos || slash == 0 ? std::string() : path.substr(0, slash);
}

// Without a record: what a resource's own fields say it uses (a pipeline its ingest file and
// repo, an ingest file the repo it sits in).
std::vector<ResourceKey> derivedUses(const ObservedResource& o) {
  std::vector<ResourceKey> uses;
  if (o.key.kind == ResourceKind::IngestFile) {
    if (auto parent = parentPath(o.key.name); !parent.empty()) uses.push_back({ResourceKind::Repo, parent});
  }
  if (o.key.kind != ResourceKind::Pipeline) return uses;
  for (const auto& library : o.fields.value("libraries", nlohmann::json::array())) {
    for (const char* type : {"file", "notebook"}) {
      if (!library.is_object() || !library.contains(type) || !library[type].is_object()) continue;
      const std::string path = library[type].value("path", "");
      if (path.empty()) continue;
      uses.push_back({ResourceKind::IngestFile, path});
      if (auto parent = parentPath(path); !parent.empty()) uses.push_back({ResourceKind::Repo, parent});
    }
  }
  if (auto root = o.fields.value("root_path", ""); !root.empty()) uses.push_back({ResourceKind::Repo, root});
  return uses;
}

// The record's resources outside the manifest, observed; plus, when asked, every marked
// connection and pipeline.
Result<std::vector<ObservedResource>> candidates(ProviderRegistry& registry, const Observation& observation,
                                                 bool scanMarkers, const std::set<ResourceKey>& skip) {
  KeysByKind byKind;
  for (const auto& [key, entry] : observation.state.resources)
    if (recordedKind(key.kind) && !skip.count(key)) byKind[key.kind].push_back(key);
  std::vector<ObservedResource> out;
  Diagnostics errors;
  for (const auto& [kind, keys] : byKind) {
    auto observed = registry.provider(kind).observe(keys);
    if (!observed) errors.append(observed.diagnostics());
    else
      for (std::size_t i = 0; i < keys.size() && i < observed->size(); ++i) {
        ObservedResource o = std::move((*observed)[i]);
        o.key = keys[i];
        out.push_back(std::move(o));
      }
  }
  if (scanMarkers) {
    for (ResourceKind kind : {ResourceKind::Connection, ResourceKind::Pipeline}) {
      auto marked = registry.provider(kind).listMarked();
      if (!marked) errors.append(marked.diagnostics());
      else
        for (ObservedResource& o : *marked)
          if (!skip.count(o.key) && !observation.state.resources.count(o.key)) out.push_back(std::move(o));
    }
  }
  if (errors.hasErrors()) return errors;
  return out;
}

}  // namespace

Status orphanPhase(ProviderRegistry& registry, const Observation& observation, const OwnershipScope& scope,
                   const PlanSettings& settings, const std::set<ResourceKey>& desiredKeys, ActionMap& actions,
                   Plan& plan) {
  const bool deleting = (settings.prune && settings.targets.empty()) || settings.destroy;
  std::set<ResourceKey> skip = desiredKeys;
  for (const auto& [key, a] : actions) skip.insert(key);
  auto found = candidates(registry, observation, deleting || !observation.stateFound, skip);
  if (!found) return found.diagnostics();
  for (ObservedResource& o : *found) {
    if (!o.exists) {
      if (observation.state.resources.count(o.key)) plan.recordChanges[o.key] = nullptr;  // gone: drop the entry
      continue;
    }
    if (ownerOf(o, scope).kind != OwnerKind::This) continue;
    ++plan.managedCount;
    if (!deleting) {
      plan.orphans.push_back(o.key);
      continue;
    }
    PlannedAction a;
    a.key = o.key;
    a.action = ActionKind::Delete;
    a.owned = true;
    auto entry = observation.state.resources.find(o.key);
    a.desired.dependsOn = entry != observation.state.resources.end() && entry->second.contains("uses")
                              ? recordedUses(entry->second)
                              : derivedUses(o);
    if (replacementDropsData(o.key.kind))
      a.notes.push_back("warning: deleting " + std::string(kindName(o.key.kind)) + " " + a.key.name +
                        " drops the tables it published");
    a.observed = std::move(o);
    actions[a.key] = std::move(a);
  }
  return okStatus();
}

void edgePhase(ActionMap& actions) {
  for (auto& [key, a] : actions) {
    if (a.action == ActionKind::Delete) {
      // What a deleted resource uses is deleted after it: the reversed edge.
      for (const ResourceKey& used : a.desired.dependsOn) {
        auto it = actions.find(used);
        if (it != actions.end() && it->second.action == ActionKind::Delete) it->second.dependsOn.push_back(key);
      }
      continue;
    }
    for (const auto& dep : a.desired.dependsOn)
      if (actions.count(dep)) a.dependsOn.push_back(dep);
  }
}

}  // namespace cc::engine
