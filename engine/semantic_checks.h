#pragma once
// The manifest rules a JSON Schema cannot express: version, names, references, URLs,
// pipeline spec rules and connector spec options. Each check tolerates a document that
// failed the schema (wrong types are skipped, not re-reported).

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "engine/connector_spec.h"
#include "engine/diagnostic.h"
#include "engine/source_location.h"

namespace cc::engine {

/// The manifest format versions this build understands.
inline constexpr int kManifestVersion = 1;

/// `version: 1`; anything else names the versions known.
void checkVersion(const nlohmann::json& doc, const SourceMap& sources, Diagnostics& diags);

/// Connection and pipeline names: non-empty, no '/', no whitespace, at most 255 characters.
void checkResourceNames(const nlohmann::json& doc, const SourceMap& sources, Diagnostics& diags);

/// `workspace.host`: an https URL (http only for a loopback host).
void checkWorkspaceHost(const nlohmann::json& doc, const SourceMap& sources, Diagnostics& diags);

/// True for a URL the tool may talk to: https, or http to localhost / 127.0.0.0/8 / [::1].
bool isAllowedWorkspaceUrl(const std::string& url, std::string* whyNot = nullptr);

/// A pipeline's `connection` that names a manifest connection must share its `source`.
/// (A name not in the manifest is left to the planner, which asks the workspace.)
void checkPipelineConnections(const nlohmann::json& doc, const SourceMap& sources, Diagnostics& diags);

/// Each pipeline's `objects` by the original tool's 17 rules: all errors, and its
/// unknown-key warnings, located in the file.
void checkPipelineObjects(const nlohmann::json& doc, const SourceMap& sources, Diagnostics& diags);

/// Connections with `spec:`: loads the local spec (relative to `baseDir`) and checks the
/// option keys (required, unknown, auth methods). URLs are not fetched (validate is offline):
/// they get a warning. Loaded specs are returned by connection name in `specs`.
void checkConnectorSpecs(const nlohmann::json& doc, const SourceMap& sources, const std::string& baseDir,
                         Diagnostics& diags, std::map<std::string, ConnectorSpec>& specs);

/// Every check above, in order.
void checkManifestSemantics(const nlohmann::json& doc, const SourceMap& sources, const std::string& baseDir,
                            Diagnostics& diags, std::map<std::string, ConnectorSpec>& specs);

}  // namespace cc::engine
