#pragma once
// The plan: pure data, one action per resource, made by planner.h and walked by executor.h.

#include <map>
#include <string>
#include <vector>

#include "engine/action_kind.h"
#include "engine/deployment.h"
#include "engine/diagnostic.h"
#include "engine/differ.h"
#include "engine/provider.h"
#include "engine/resource.h"
#include "engine/sensitive_values.h"

namespace cc::engine {

/// What apply will do to one resource, and why.
struct PlannedAction {
  ResourceKey key;
  ActionKind action = ActionKind::NoOp;
  std::vector<FieldChange> changes;   // field-level diff (secrets masked)
  std::vector<std::string> notes;     // e.g. "replacing it drops the tables it publishes"
  std::vector<ResourceKey> dependsOn; // actions that must succeed first (reversed for deletes)
  ObservedResource observed;          // what the plan saw: apply's stale check compares `version`
  DesiredResource desired;            // empty for Delete
  bool owned = false;                 // the deployment owns it (ownership.h), or takes it now
  /// Takes the resource into the deployment: --adopt, or a resource of an earlier release the
  /// manifest names (migration). An Update with no field change writes the record only.
  bool adopt = false;
  /// Read from a plan file: JSON pointers ("/fields/comment", "/inputs/content") of desired
  /// values the file holds masked; apply refills them from the manifest (plan_file.h).
  std::vector<std::string> maskedInFile;
};

/// Per-action totals, as the summary line prints them.
struct PlanCounts {
  int create = 0, update = 0, replace = 0, remove = 0, run = 0, unchanged = 0;
};

/// A complete plan. Actions are sorted by key; every dependsOn names an action of the plan.
struct Plan {
  static constexpr int kFormatVersion = 2;
  std::string manifestFile;    // as given to plan; apply PLANFILE reloads it
  std::string manifestDigest;  // manifestDigest(Manifest): apply refuses another manifest
  std::string toolRoot;     // earlier releases' root of the current user (ownership.h)
  Deployment deployment;    // the scope of ownership, lock and state
  /// The identity applying (userName) and the workspace host.
  WorkspaceContext context;
  /// False for the imperative commands' plans, which have no deployment: their deletes are not
  /// re-checked against one (the command asks instead).
  bool deploymentScoped = true;
  /// The deployment's {CURRENT_USER}: the identity of its first apply (state_store.h), else
  /// context.userName.
  std::string deploymentUser;
  /// This deployment's resources that the manifest no longer has and this plan does not delete
  /// (no --prune): listed so that "no changes" is never said while they exist.
  std::vector<ResourceKey> orphans;
  /// Resources the deployment manages before this plan (record and markers): the mass-delete
  /// guard compares the plan's deletes with it.
  int managedCount = 0;
  /// Record entries to set before the first action (null: remove): resources the deployment
  /// owns that its record lacks (a lost record, a migration), and entries of resources gone.
  std::map<ResourceKey, nlohmann::json> recordChanges;
  std::vector<PlannedAction> actions;
  Diagnostics warnings;
  /// The manifest's sensitive values: every output masks them (plan_redaction.h); never
  /// written to a plan file.
  SensitiveValues sensitive;

  PlanCounts counts() const;
  /// Any action other than NoOp.
  bool hasChanges() const;
  const PlannedAction* find(const ResourceKey& key) const;
};

}  // namespace cc::engine
