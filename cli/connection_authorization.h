#pragma once
// `apply --authorize NAME`: the grant of a u2m (or u2m_per_user) COMMUNITY connection comes
// only from the browser flow, run for that connection right before its create or update. A plan
// that would write such a connection without one is refused before anything is sent.

#include <optional>

#include "cli/apply_flow.h"
#include "cli/console.h"
#include "engine/plan.h"

namespace cc::cli {

/// Set (to 1) where no terminal is, but something plays the browser: it reads the authorization
/// URL apply prints on stderr and completes the redirect (tests, a headless browser driver).
inline constexpr const char* kBrowserAutomationVariable = "COMMUNITY_CONNECTOR_BROWSER_AUTOMATION";

/// Marks the --authorize connections in `plan` (engine/connection_grants.h), then refuses what
/// still lacks a grant, or --authorize without a terminal: the exit code, or nullopt to go on.
std::optional<int> checkGrants(engine::Plan& plan, const ApplyRequest& request, Console& console);

/// Runs the browser flow of each --authorize connection the plan writes and attaches its grant.
std::optional<int> authorizeConnections(engine::Plan& plan, const ApplyRequest& request, Console& console);

}  // namespace cc::cli
