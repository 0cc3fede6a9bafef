#pragma once
// Desired × observed → field changes and the action they add up to. Generic: everything
// kind-specific comes from field_rules.h.

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "engine/action_kind.h"
#include "engine/provider.h"
#include "engine/resource.h"

namespace cc::engine {

/// One field that differs. Sensitive changes carry no values at all (before/after are null).
struct FieldChange {
  std::string field;           // top-level name, or "options.<key>" inside a write-only map
  nlohmann::json before;       // null when absent or unknown
  nlohmann::json after;        // null when removed
  bool sensitive = false;      // rendered "(sensitive, changed)"
  bool forcesReplace = false;  // an Immutable field: says why in `reason`
  std::string reason;
};

struct DiffOptions {
  std::set<std::string> ignoreFields;  // e.g. "comment" when adopting a connection
};

/// The verdict for one resource: NoOp, Create, Update or Replace (never Delete/Run).
struct DiffResult {
  ActionKind action = ActionKind::NoOp;
  std::vector<FieldChange> changes;  // ordered by field name
};

/// Compares only the fields `desired` sets. A missing resource is Create with every desired
/// field as a change. Secrets and write-only option keys compare through
/// `observed.fingerprints` (secret_fingerprint.h); a key without a fingerprint counts as changed.
DiffResult diffResource(const DesiredResource& desired, const ObservedResource& observed,
                        const DiffOptions& options = {});

/// The values a create would send, with secrets masked: for plan output of `+` actions.
std::vector<FieldChange> creationChanges(const DesiredResource& desired);

}  // namespace cc::engine
