#pragma once
// --auth-type of create_connection / update_connection (today's original tool, §7.5): which
// auth mode, the connector spec's OAuth defaults added to the options, and for u2m the grant
// from the browser flow. Without --auth-type nothing changes: static, as the seed tool did.

#include <nlohmann/json.hpp>
#include <optional>

#include "cli/original/command_set.h"
#include "engine/connector_spec.h"
#include "engine/oauth_connection.h"

namespace cc::cli {

/// The mode --auth-type names; when absent, the `flow` of `specOAuth` (today's original: a spec
/// that declares one defaults to it), else Static. The exit code after an error.
std::optional<engine::ConnectionAuthMode> connectionAuthMode(const OriginalContext& ctx, int& exitCode,
                                                             const engine::OAuthSettings* specOAuth = nullptr);

/// For a mode other than static: appends to `options` (the -o object, every value a string) the
/// spec's OAuth defaults, community_oauth_flow and, for u2m and u2m_per_user, the grant
/// (authorization_code, oauth_redirect_uri, pkce_verifier), printing what it added (never a
/// value). Returns the exit code after an error, nullopt to go on.
std::optional<int> addOAuthOptions(const OriginalContext& ctx, engine::ConnectionAuthMode mode,
                                   const std::optional<engine::ConnectorSpec>& spec, nlohmann::ordered_json& options);

}  // namespace cc::cli
