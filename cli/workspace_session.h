#pragma once
// Connecting the declarative commands (plan, apply, destroy) to a workspace: auth from flags,
// the manifest's `workspace` section and the environment, then the HTTPS provider registry.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/arguments.h"
#include "engine/provider.h"
#include "engine/result.h"

namespace cc::providers {
struct ConnectionSettings;
}

namespace cc::cli {

/// A connected workspace: the registry the engine plans and applies through.
struct WorkspaceSession {
  std::shared_ptr<engine::ProviderRegistry> registry;
};

/// The connection settings of the global flags (--host, --profile, --debug) and the manifest's
/// `workspace` section (may be null); shared with the original tool's commands.
providers::ConnectionSettings workspaceConnectionSettings(const GlobalOptions& global,
                                                          const nlohmann::json* workspaceSection);

/// Resolves auth (--host/--profile > environment > manifest `workspace` > ~/.databrickscfg)
/// and builds the registry. No request is sent yet. `workspaceSection` may be null.
/// `readParallelism`: reads of one kind in flight while planning (--parallelism).
engine::Result<WorkspaceSession> openWorkspaceSession(const GlobalOptions& global,
                                                       const nlohmann::json* workspaceSection,
                                                       int readParallelism = 10);

}  // namespace cc::cli
