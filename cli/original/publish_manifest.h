#pragma once
// What `publish` writes (today's original §7.7), as pure functions: the display name that names
// the workspace file and the connector manifest's text. `unpublish` resolves the same name.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::cli {

/// -d if given, else the spec's display_name if not empty, else the source. Refused unless it is
/// letters, digits, spaces, '_' and '-' only: it names <display name>.connector.json.
engine::Result<std::string> publishDisplayName(const std::optional<std::string>& given,
                                               const std::string& specDisplayName, const std::string& source);

/// The manifest: {id (the source upper-cased, '-' as '_'), sourceName, displayName, logo null,
/// repositoryPath "", readmeUrl "", connectionSpec, dependencies when there are any}, laid out
/// as Python's json.dumps(indent=2) with a final newline.
std::string publishManifestText(const std::string& source, const std::string& displayName,
                                const nlohmann::json& connectionSpec, const std::vector<std::string>& dependencies);

}  // namespace cc::cli
