#pragma once
// A manifest connection's `auth:` block: the COMMUNITY auth mode (static, m2m, u2m,
// u2m_per_user), the OAuth settings stored as connection options, and the flow controls of the
// u2m browser flow (pkce, extra_auth_params, redirect_port), which are never stored. The spec's
// `oauth` defaults are added as the imperative --auth-type path adds them (oauth_connection.h).

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/connector_spec.h"
#include "engine/diagnostic.h"
#include "engine/oauth_connection.h"
#include "engine/secret.h"
#include "engine/source_location.h"

namespace cc::engine {

/// The `auth:` keys that become connection options of the same name.
const std::vector<std::string>& authStoredKeys();

/// What a connection's `auth:` block resolves to, checked.
struct ConnectionAuth {
  ConnectionAuthMode mode = ConnectionAuthMode::Static;
  /// Added to the connection's options besides the block's own stored keys: the spec's OAuth
  /// defaults (placeholders filled) and community_oauth_flow.
  std::map<std::string, std::string> added;
  bool pkce = true;
  std::map<std::string, std::string> extraAuthParams;  // the spec's, then the block's
  std::uint16_t redirectPort = 0;                      // 0: a free port
};

/// u2m and u2m_per_user: the connection needs a grant from the browser flow.
bool needsGrant(ConnectionAuthMode mode);

/// Checks every connection's `auth:` block (located errors, all at once) and resolves it with
/// the connector spec loaded for it, if any. `doc` is the interpolated manifest with its
/// sensitive values moved to `secrets` (by JSON pointer): a spec `{param}` naming one is an
/// error, since the filled value would be a visible option.
void checkConnectionAuth(const nlohmann::json& doc, const SourceMap& sources,
                         const std::map<std::string, ConnectorSpec>& specs, const std::map<std::string, Secret>& secrets,
                         Diagnostics& diags, std::map<std::string, ConnectionAuth>& resolved);

/// The `inputs` entry the model gives a connection with an auth block: what the browser flow
/// needs besides the stored options (mode, pkce, extra_auth_params, redirect_port).
nlohmann::json authFlowInputs(const ConnectionAuth& auth);

}  // namespace cc::engine
