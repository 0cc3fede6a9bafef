#pragma once
// connector_spec.yaml: its parameters, auth methods and allowlist, and the original tool's
// checks of a connection's option keys against it.

#include <nlohmann/json_fwd.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::engine {

/// One connection parameter a connector declares.
struct ConnectorParameter {
  std::string name;
  bool required = false;
  bool secret = false;  // `secret: true` (HEAD specs): the value is a credential
  std::string description;
};

/// One way to authenticate ("Option B"): its own parameters.
struct AuthMethod {
  std::string name;
  std::string description;
  std::vector<ConnectorParameter> parameters;

  std::set<std::string> requiredNames() const;
  std::set<std::string> optionalNames() const;
};

/// A HEAD spec's `connection.oauth` block: option values under their connection-option names
/// (authorization_url → authorization_endpoint, token_url → token_endpoint, scopes →
/// oauth_scope; other keys as written, scalars as text), and the flow controls, never stored.
struct OAuthSettings {
  std::map<std::string, std::string> values;
  std::optional<std::string> flow;  // m2m, u2m, u2m_per_user
  std::optional<bool> pkce;         // default: on
  std::map<std::string, std::string> extraAuthParams;
};

/// A parsed spec. `parameters` are the flat list (Option A) or the parameters shared by every
/// auth method (Option B: base `common_parameters` and HEAD `parameters`, united).
/// Null lists count as empty; entries that are not mappings or lack a name are skipped.
struct ConnectorSpec {
  std::string displayName;
  std::vector<ConnectorParameter> parameters;
  std::vector<AuthMethod> authMethods;
  std::string externalOptionsAllowlist;  // comma list as written; "" when null or absent
  bool hasOAuth = false;                 // a HEAD `connection.oauth` block is present
  OAuthSettings oauth;                   // its content, when present

  bool hasAuthMethods() const { return !authMethods.empty(); }
  std::set<std::string> requiredNames() const;  // of `parameters`
  std::set<std::string> optionalNames() const;  // of `parameters`
  /// Every parameter name of the spec: `parameters` and those of every auth method.
  std::set<std::string> allKnownParameters() const;
  /// Names marked `secret: true` anywhere in the spec.
  std::set<std::string> secretParameters() const;
};

/// Parses a spec document (a mapping; anything else is an error). Never throws.
Result<ConnectorSpec> parseConnectorSpec(const nlohmann::json& document);


/// The bundled constant allowlist (default_config.yaml `connection.external_options_allowlist`).
const std::string& constantExternalOptionsAllowlist();

/// Split both on ',', trim, drop empties, union, sort by byte order, join with ','.
std::string mergeExternalOptionsAllowlist(const std::string& fromSpec, const std::string& constant);

/// Keys every connection accepts whatever its spec says.
const std::set<std::string>& alwaysKnownOptionKeys();

/// Option B: the auth method whose required parameters are all provided and that
/// overlaps most with the provided keys; ties go to the first in file order. HEAD scoring
/// (a method with no parameters can be detected).
std::optional<std::string> detectAuthMethod(const ConnectorSpec& spec, const std::set<std::string>& provided);

/// The outcome of checking option keys; messages are the original tool's, verbatim.
struct ConnectionOptionsCheck {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  std::optional<std::string> detectedAuthMethod;
  bool valid() const { return errors.empty(); }
};

/// Required, unknown and auth-method checks of the provided option keys (values are
/// not checked). `source` names the connector in the unknown-parameters message. When the
/// options select an OAuth flow (`community_oauth_flow`), the OAuth option keys are known
/// and the OAuth-managed parameters (access_token, refresh_token) are not required.
ConnectionOptionsCheck validateConnectionOptions(const ConnectorSpec& spec,
                                                 const std::set<std::string>& provided,
                                                 const std::string& source);

}  // namespace cc::engine
