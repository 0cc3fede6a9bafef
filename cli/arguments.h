#pragma once
// Parsed command-line flags: one plain struct per command, filled by the parser in app.cc.

#include <optional>
#include <string>
#include <vector>

namespace cc::cli {

/// Flags valid before or after any subcommand.
struct GlobalOptions {
  bool debug = false;
  bool noColor = false;
  bool quiet = false;
  std::optional<std::string> profile;
  std::optional<std::string> host;
  std::optional<double> retryTimeoutSeconds;  // --retry-timeout: the retry budget of one request
};

/// How a manifest is named and parameterised (validate, plan, apply, destroy).
struct ManifestOptions {
  std::string file = "connectors.yaml";  // "-" reads stdin
  std::vector<std::string> vars;         // NAME=VALUE, from --var
  std::string environment;               // -e/--env (COMMUNITY_CONNECTOR_ENV); empty: "default"
};

struct ValidateOptions {
  ManifestOptions manifest;
  std::string format = "text";  // text | json
  bool requireEnv = false;      // --require-env: an unset ${env.X} is an error, as at plan
};

struct PlanOptions {
  ManifestOptions manifest;
  std::string outFile;           // -o PLANFILE; empty: not saved
  std::string format = "text";   // text | json | markdown
  bool prune = false;
  bool adopt = false;
  bool detailedExitcode = false;
  bool destroy = false;          // --destroy: preview what `destroy` would delete
  std::vector<std::string> targets;
  int parallelism = 10;          // reads of one kind in flight at once
};

struct ShowOptions {
  std::string planFile;
  std::string format = "text";  // text | json | markdown
};

struct ForceUnlockOptions {
  ManifestOptions manifest;
  std::string lockId;  // LOCK_ID from the "locked by" message; required unless the lock has none
  bool yes = false;    // --yes: do not ask
};

/// The mass-delete guard's flags (mass_delete_guard.h).
struct MassDeleteOptions {
  bool allow = false;                // --allow-mass-delete
  std::optional<int> expectDeletes;  // --expect-deletes N
};

struct ApplyOptions {
  ManifestOptions manifest;
  std::string planFile;          // positional PLANFILE: apply exactly this saved plan
  bool autoApprove = false;
  int parallelism = 10;
  bool prune = false;
  bool adopt = false;
  std::vector<std::string> targets;
  double lockTimeoutSeconds = 0;
  double waitTimeoutSeconds = 3600;
  MassDeleteOptions massDelete;
  std::string format = "text";  // text | json: per-action results on stdout, progress on stderr
  std::vector<std::string> authorize;  // --authorize NAME: run the u2m browser flow for it
};

struct DestroyOptions {
  ManifestOptions manifest;
  bool autoApprove = false;
  int parallelism = 10;
  MassDeleteOptions massDelete;
  std::string format = "text";  // text | json, as apply's
};

struct ImportOptions {
  std::optional<std::string> source;
  std::optional<std::string> deployment;  // --deployment: the name written; default: the markers'
  bool ownedOnly = false;
  std::string format = "text";  // text: the manifest's YAML | json: manifest, notes and counts
};

}  // namespace cc::cli
