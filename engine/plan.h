#pragma once
// The plan: pure data, one action per resource, made by planner.h and walked by executor.h.

#include <string>
#include <vector>

#include "engine/action_kind.h"
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
  bool owned = false;                 // observed carries the ownership marker
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
  static constexpr int kFormatVersion = 1;
  std::string manifestFile;    // as given to plan; apply PLANFILE reloads it
  std::string manifestDigest;  // manifestDigest(Manifest): apply refuses another manifest
  std::string toolRoot;
  WorkspaceContext context;
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
