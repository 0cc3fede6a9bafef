#pragma once
// Manifest: a loaded, interpolated and validated manifest — the contract between
// validation (loader, schema, semantic checks) and the model that turns it into resources.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/diagnostic.h"
#include "engine/placeholders.h"
#include "engine/result.h"
#include "engine/credential_names.h"
#include "engine/deployment.h"
#include "engine/manifest_connection_auth.h"
#include "engine/secret.h"
#include "engine/source_location.h"

namespace cc::engine {

/// The process environment (EnvLookup is declared in placeholders.h).
EnvLookup processEnvironment();

/// What to load: a file path (or "-" with `text` holding stdin), `--var` overrides, environment.
struct ManifestInput {
  std::string path;                         // as the user named it; "-" for stdin
  std::optional<std::string> text;          // the content when already read (stdin, tests)
  std::map<std::string, std::string> vars;  // --var NAME=VALUE
  EnvLookup env;                            // defaults to processEnvironment() when empty
  bool unsetEnvIsWarning = false;           // validate: an unset ${env.X} warns, its text stays
  std::string environment;                  // -e/--env; empty: the default environment
};

/// A manifest that passed every check. `document` is the manifest after `${var.*}` and
/// `${env.*}` interpolation (keys included), except that every sensitive value is replaced by
/// its source text (e.g. "${env.GITHUB_TOKEN}"): the plaintext lives only in `secrets`.
/// `sources` maps JSON pointers of `document` to where each node was written.
/// Sensitive: a connection option whose value used ${env.*}, that its connector spec marks
/// `secret: true`, or whose name reads like a credential (token, password, secret, api_key…).
/// A sensitive value written literally in the file is replaced by Secret::kMask (with a warning).
struct Manifest {
  std::string file;  // for messages: the path, or "<stdin>"
  nlohmann::json document;
  SourceMap sources;
  std::map<std::string, Secret> secrets;  // JSON pointer in `document` → the secret value
  /// Values that came from a sensitive source (every ${env.*} not listed in `public_env`, every
  /// `sensitive: true` variable) and landed outside connection options (a comment, a tag): they
  /// stay in `document` to be sent, and every output shows a string holding one as
  /// "(sensitive)" (sensitive_values.h). Sorted, unique.
  std::vector<std::string> sensitiveValues;
  Diagnostics warnings;                   // non-fatal findings, to print with the result
  /// The deployment and environment this manifest is loaded for (environments.h).
  Deployment deployment;
  /// Each connection's `auth:` block, resolved (manifest_connection_auth.h).
  std::map<std::string, ConnectionAuth> connectionAuth;
};

/// Load → schema → semantic checks. All errors at once; nothing partial on failure.
Result<Manifest> loadManifest(const ManifestInput& input);

}  // namespace cc::engine
