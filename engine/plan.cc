#include "engine/plan.h"

#include <algorithm>

namespace cc::engine {

PlanCounts Plan::counts() const {
  PlanCounts c;
  for (const PlannedAction& a : actions) {
    switch (a.action) {
      case ActionKind::NoOp: ++c.unchanged; break;
      case ActionKind::Run: ++c.run; break;
      case ActionKind::Update: ++c.update; break;
      case ActionKind::Create: ++c.create; break;
      case ActionKind::Replace: ++c.replace; break;
      case ActionKind::Delete: ++c.remove; break;
    }
  }
  return c;
}

bool Plan::hasChanges() const {
  return std::any_of(actions.begin(), actions.end(), [](const PlannedAction& a) { return mutates(a.action); });
}

const PlannedAction* Plan::find(const ResourceKey& key) const {
  auto it = std::lower_bound(actions.begin(), actions.end(), key,
                             [](const PlannedAction& a, const ResourceKey& k) { return a.key < k; });
  return it != actions.end() && it->key == key ? &*it : nullptr;
}

}  // namespace cc::engine
