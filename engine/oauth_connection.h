#pragma once
// A COMMUNITY connection's OAuth options, prepared as today's original tool does (§7.5 of the
// original tool's reference): the auth mode (static, m2m, u2m, u2m_per_user), the spec's
// `oauth` block as option defaults with `{param}` placeholders filled from the user's options,
// the options each mode requires, and `community_oauth_flow`. Pure: the u2m browser flow that
// adds the grant is the caller's.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/connector_spec.h"
#include "engine/result.h"

namespace cc::engine {

enum class ConnectionAuthMode { Static, M2M, U2M, U2MPerUser };

/// "static", "m2m", "u2m", "u2m_per_user".
const char* authModeName(ConnectionAuthMode mode);

/// `--auth-type` (case-insensitive); an unknown value is an error listing the four.
Result<ConnectionAuthMode> parseAuthMode(const std::string& text);

/// What the connection gets besides the user's options, and what the u2m flow needs.
struct OAuthConnectionOptions {
  ConnectionAuthMode mode = ConnectionAuthMode::Static;
  std::map<std::string, std::string> added;  // option → value: spec defaults and community_oauth_flow
  std::vector<std::string> defaultsAdded;    // the spec defaults among them, in key order
  bool pkce = true;
  std::map<std::string, std::string> extraAuthParams;  // placeholders filled
};

/// Static: nothing is added, and a user-given `community_oauth_flow` is an error. Otherwise the
/// spec's OAuth values are added for the keys the user did not give, every `{param}` in them
/// filled from `user` (a missing or empty one is an error naming it), `community_oauth_flow`
/// set, and the mode's required options checked (m2m: client_id, client_secret, token_endpoint;
/// u2m and u2m_per_user also authorization_endpoint). Every problem is reported at once.
Result<OAuthConnectionOptions> prepareOAuthConnectionOptions(ConnectionAuthMode mode, const OAuthSettings& spec,
                                                             const std::map<std::string, std::string>& user);

}  // namespace cc::engine
