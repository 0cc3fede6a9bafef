#pragma once
// ${env.NAME} and ${var.name} references in manifest strings and keys.

#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/source_location.h"

namespace cc::engine {

/// Looks up an environment variable; injectable so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// What references resolve against: variable values (defaults overridden by --var), the
/// names declared under `variables`, and the environment.
struct InterpolationScope {
  std::map<std::string, std::string> vars;  // name → value (only those that have one)
  std::set<std::string> declared;           // every name under `variables`
  EnvLookup env;
  std::set<std::string> publicEnv;          // `public_env`: ${env.*} values that are not secret
  std::set<std::string> sensitiveVars;      // variables declared `sensitive: true`
  bool unsetEnvIsWarning = false;           // an unset ${env.X} warns and stays as written
};

/// One string after interpolation. `$${` stands for a literal `${`.
struct InterpolatedString {
  std::string value;
  bool usedEnv = false;                // at least one ${env.*} contributed
  std::vector<std::string> errors;     // malformed or unresolved references, one message each
  std::vector<std::string> warnings;   // unset ${env.X} when the scope allows it
  bool hasReference = false;           // the text held any ${...}
  /// The values that made it sensitive: each ${env.*} not in `publicEnv`, each sensitive
  /// ${var.*}. A string holding any of them is shown as "(sensitive)".
  std::vector<std::string> sensitiveParts;
};

/// Resolves the references in `text`. Never puts a resolved value in an error message.
InterpolatedString interpolate(std::string_view text, const InterpolationScope& scope);

/// True if `text` contains a `${` reference (escaped `$${` excluded).
bool containsReference(std::string_view text);

/// Where one interpolated string came from: its text as written and whether env contributed.
struct StringOrigin {
  std::string sourceText;
  bool usedEnv = false;
  std::vector<std::string> sensitiveParts;  // as InterpolatedString::sensitiveParts
};

/// What interpolation of a document found out.
struct InterpolatedDocument {
  std::map<std::string, StringOrigin> origins;  // pointer → origin, for strings that had references
};

/// Interpolates `document` in place (values and keys). `sources` gains the new pointers of
/// renamed keys (the old ones stay, unused). Errors (unresolved or malformed references, keys
/// equal after interpolation) go to `diags`, located in the file.
InterpolatedDocument interpolateDocument(nlohmann::json& document, SourceMap& sources,
                                         const InterpolationScope& scope, Diagnostics& diags);

/// Parses `--var NAME=VALUE` strings; a malformed one is an error naming it.
bool parseVarAssignments(const std::vector<std::string>& assignments,
                         std::map<std::string, std::string>& out, Diagnostics& diags);

}  // namespace cc::engine
