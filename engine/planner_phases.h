#pragma once
// The phases of one plan (planner.cc runs them in this order), each one job:
//   observe    read every resource the plan names, plus the deployment's state file
//   diff       desired × observed × ownership → one action per desired resource
//   cascade    files of a recreated repo are written again; runs follow changes
//   orphans    this deployment's resources the manifest no longer names → deletes (--prune,
//              destroy) or the plan's `orphans` list
//   edges      creates follow the model's edges; deletes run them reversed
// Internal to the engine: planner.h is the interface.

#include <map>
#include <set>
#include <vector>

#include "engine/ownership.h"
#include "engine/plan.h"
#include "engine/planner.h"
#include "engine/state_store.h"

namespace cc::engine {

using ObservedMap = std::map<ResourceKey, ObservedResource>;
using KeysByKind = std::map<ResourceKind, std::vector<ResourceKey>>;
using ActionMap = std::map<ResourceKey, PlannedAction>;

/// `in` with each summary prefixed by "<operation>: ".
Diagnostics withContext(const Diagnostics& in, const std::string& operation);

/// What the observe phase read.
struct Observation {
  ObservedMap resources;
  StateFileContent state;  // the deployment's state file (empty when it has none)
  bool stateFound = false;
};

/// One batched observe per kind, all kinds at once; nothing else is read.
Result<ObservedMap> observeKinds(ProviderRegistry& registry, const KeysByKind& byKind);

/// One batched observe per kind, all kinds at once, with the deployment's state file alongside
/// (or `known`, when it was read already); the fingerprint store of earlier releases only when
/// a connection has no fingerprint in the state (migration). Fingerprints are attached to the
/// observed connections.
Result<Observation> observePhase(ProviderRegistry& registry, const KeysByKind& keys, const Deployment& deployment,
                                 const std::string& legacyRoot, const std::optional<StateFileSnapshot>& known);

/// The kinds the record lists (directories are shared and never deleted).
bool recordedKind(ResourceKind kind);

/// One action for a desired resource that exists or not. Errors (a resource of another
/// deployment, an unmanaged one that differs) go to `errors`.
void diffPhase(PlannedAction& a, DesiredResource&& desired, ObservedResource&& observed, const OwnershipScope& scope,
               const PlanSettings& settings, Diagnostics& errors);

/// The action a resource's explicit intent asks for (intent.h; not Converge): no ownership
/// question arises, the caller named the resource.
void intentPhase(PlannedAction& a, DesiredResource&& desired, ObservedResource&& observed);

/// destroy: a Delete for each desired resource the deployment owns (or an earlier release
/// made); the others stay with a note.
void destroyPhase(PlannedAction& a, ObservedResource&& observed, const OwnershipScope& scope);

/// This deployment's resources outside the manifest: Deletes with --prune or destroy, else
/// listed in plan.orphans. Reads the record's resources and, when asked or when the record is
/// missing, every marked connection and pipeline.
Status orphanPhase(ProviderRegistry& registry, const Observation& observation, const OwnershipScope& scope,
                   const PlanSettings& settings, const std::set<ResourceKey>& desiredKeys, ActionMap& actions,
                   Plan& plan);

/// dependsOn of every action: desired edges for creates/updates; for deletes the edges reversed
/// (a pipeline goes before the repo and connection it uses). A Delete's desired.dependsOn holds
/// what the resource uses: from the model, or for resources outside the manifest from the
/// record's "uses" (or, without a record, the resource's own fields).
void edgePhase(ActionMap& actions);

/// The record entry of a resource: {"id": remote id, "uses": [addresses]}.
nlohmann::json recordEntry(const ObservedResource& observed, const std::vector<ResourceKey>& uses);

}  // namespace cc::engine
