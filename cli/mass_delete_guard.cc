#include "cli/mass_delete_guard.h"

namespace cc::cli {

bool isMassDelete(const engine::Plan& plan) {
  const int deletes = plan.counts().remove;
  if (deletes == 0) return false;
  return deletes >= plan.managedCount || 2 * deletes > plan.managedCount;
}

void printMassDeleteWarning(const engine::Plan& plan, std::ostream& out, bool color) {
  if (!isMassDelete(plan)) return;
  const int deletes = plan.counts().remove;
  const bool all = deletes >= plan.managedCount;
  out << (color ? "\x1b[1m" : "") << "Warning: this plan deletes " << deletes << " of the " << plan.managedCount
      << " resources deployment " << plan.deployment.id() << " manages" << (all ? " (all of them)" : "") << "."
      << (color ? "\x1b[0m" : "") << "\n"
      << "  Check that the manifest is complete (not cut short). Applying it asks on a terminal; in CI it needs\n"
      << "  --allow-mass-delete, or --expect-deletes " << deletes << ".\n";
}

std::optional<std::string> massDeleteRefusal(const engine::Plan& plan, const MassDeleteOptions& options, bool willAsk) {
  const int deletes = plan.counts().remove;
  if (options.expectDeletes && *options.expectDeletes != deletes) {
    return "--expect-deletes " + std::to_string(*options.expectDeletes) + " was given, but the plan deletes " +
           std::to_string(deletes) + "; nothing was changed";
  }
  if (!isMassDelete(plan) || options.allow || options.expectDeletes || willAsk) return std::nullopt;
  return "the plan deletes " + std::to_string(deletes) + " of the " + std::to_string(plan.managedCount) +
         " resources deployment " + plan.deployment.id() +
         " manages; nothing was changed\n  check the manifest, then pass --allow-mass-delete or --expect-deletes " +
         std::to_string(deletes);
}

}  // namespace cc::cli
