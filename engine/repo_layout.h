#pragma once
// The tree of the connectors repository a pipeline's Git folder checks out: the legacy layout
// (`libs/`, `pipeline/`, `sources/<src>/`, ingest.py at the workspace path) or the src layout of
// today's upstream (`src/databricks/labs/community_connector/...`, ingest.py under `src/`,
// original tool §7.2). Every path and pattern that depends on the tree is derived here, and the
// layout of a Git folder that exists is read back from the workspace (two get-status calls).

#include <optional>
#include <string>
#include <vector>

#include "engine/provider.h"
#include "engine/result.h"

namespace cc::engine {

enum class RepoLayout { Legacy, Src };

/// The package folder of the src layout, relative to the repository root.
inline constexpr const char* kSrcPackageFolder = "src/databricks/labs/community_connector";

/// "legacy" / "src".
std::string repoLayoutName(RepoLayout layout);
/// "legacy" or "src" (exact); nullopt for anything else.
std::optional<RepoLayout> parseRepoLayout(const std::string& text);

/// The sparse checkout patterns of the bundled default for `layout` ({SOURCE_NAME} left in).
std::vector<std::string> layoutSparsePatterns(RepoLayout layout);
/// The patterns of both layouts, legacy first: a Git folder whose layout is found after checkout.
std::vector<std::string> bothLayoutsSparsePatterns();
/// The folder ingest.py, root_path and the library glob live in: `workspacePath` or its `src/`.
std::string layoutCodeRoot(RepoLayout layout, const std::string& workspacePath);
/// `<layoutCodeRoot>/ingest.py`.
std::string layoutIngestPath(RepoLayout layout, const std::string& workspacePath);
/// connector_spec.yaml of `source` relative to the repository root (URL and local checkouts).
std::string layoutSpecPath(RepoLayout layout, const std::string& source);
/// The folder whose presence shows that a checkout of `repoPath` has `layout` (the source's
/// folder, so a checkout lacking the connector is not mistaken for either).
std::string layoutMarker(RepoLayout layout, const std::string& repoPath, const std::string& source);

/// The layout a Git folder holds, read from the workspace: nullopt when `repoPath` does not
/// exist (not checked out yet); an error naming both markers when it exists but holds neither
/// tree (or both); the layout otherwise.
Result<std::optional<RepoLayout>> detectRepoLayout(ProviderRegistry& registry, const std::string& repoPath,
                                                   const std::string& source);

}  // namespace cc::engine
