#pragma once
// load → validate (done by loadManifest) → model → graph → observe → diff → Plan.
//
//   auto bundled = loadBundledData(bundledDataDirectory());
//   PlanSettings settings;  settings.prune = opts.prune;  settings.targets = opts.targets;
//   Result<Plan> plan = makePlan(*manifest, *bundled, registry, settings);
//   if (!plan) print(plan.diagnostics());            // nothing was changed
//   renderPlanText(*plan, console.out, console.color);
//   destroy: settings.destroy = true — deletes of everything the manifest owns, reversed order.

#include <string>
#include <vector>

#include "engine/config_layers.h"
#include "engine/manifest.h"
#include "engine/model.h"
#include "engine/plan.h"
#include "engine/provider.h"

namespace cc::engine {

struct PlanSettings {
  /// Also delete the deployment's resources that the manifest lacks (its record and markers,
  /// ownership.h). Directories are never deleted (shared by pipelines); ignored with `targets`.
  bool prune = false;
  bool adopt = false;    // take over same-named resources that belong to no deployment
  /// Plan the deletion of everything the deployment owns (the manifest's resources and those it
  /// no longer names), dependents first; others are left with a note, directories stay.
  bool destroy = false;
  /// --target: resource names ("github_conn") or addresses ("pipeline.p"); the plan keeps them
  /// and everything they depend on. Empty: everything.
  std::vector<std::string> targets;
  std::string manifestFile;  // recorded in the plan for `apply PLANFILE`
  ModelOptions model;
};

/// Makes a plan. Reads the workspace (in parallel, one batch per kind) but never writes.
Result<Plan> makePlan(const Manifest& manifest, const BundledData& bundled, ProviderRegistry& registry,
                      const PlanSettings& settings);

/// The same from an already built desired state (tests, the original tool's commands,
/// benchmarks). Each resource's `intent` says what to do with it (intent.h): a command that
/// deletes one pipeline plans {pipeline, Intent::Delete}. Takes the state by value: its
/// resources move into the plan's actions.
Result<Plan> planDesiredState(DesiredState state, ProviderRegistry& registry, const PlanSettings& settings);

/// Reads the resources named, one batched observe per kind; one entry per key, in the order
/// given (exists = false for a missing one). Nothing is planned (show_pipeline).
Result<std::vector<ObservedResource>> observeResources(ProviderRegistry& registry, const std::vector<ResourceKey>& keys);

/// Re-observes every resource of a saved plan; fails naming each one whose existence or
/// version differs from what the plan saw ("the plan is stale: pipeline.p changed since ...").
Status checkStale(const Plan& plan, ProviderRegistry& registry);

}  // namespace cc::engine
