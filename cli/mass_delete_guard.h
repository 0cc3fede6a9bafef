#pragma once
// The mass-delete guard: a plan whose deletes are all of the deployment's resources, or more
// than half of them (a manifest cut short, an empty one), is said so in bold; apply and
// destroy then ask on a terminal, and in CI need --allow-mass-delete or --expect-deletes N
// with the exact count.

#include <optional>
#include <ostream>
#include <string>

#include "cli/arguments.h"
#include "engine/plan.h"

namespace cc::cli {

/// Whether the plan deletes all, or more than half, of what the deployment manages.
bool isMassDelete(const engine::Plan& plan);

/// The bold warning plan and apply print above a mass delete.
void printMassDeleteWarning(const engine::Plan& plan, std::ostream& out, bool color);

/// Why the plan may not be applied without asking: --expect-deletes that does not match the
/// count, or a mass delete that is neither allowed nor expected. Empty: go on (a terminal
/// still confirms as usual).
std::optional<std::string> massDeleteRefusal(const engine::Plan& plan, const MassDeleteOptions& options,
                                             bool willAsk);

}  // namespace cc::cli
