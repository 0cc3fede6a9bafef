#pragma once
// The model: a validated Manifest → the desired resources, with layered config and the
// original tool's placeholders resolved exactly where it resolves them.
//
//   auto bundled = loadBundledData(bundledDataDirectory());
//   auto ctx = registry.workspace().currentContext();          // SCIM Me, before modelling
//   Result<DesiredState> state = buildModel(manifest, *ctx, *bundled);

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/config_layers.h"
#include "engine/deployment.h"
#include "engine/manifest.h"
#include "engine/package_artifact.h"
#include "engine/provider.h"
#include "engine/repo_layout.h"
#include "engine/resource.h"

namespace cc::engine {

/// The connection type of every connection the manifest and the original tool create.
inline constexpr const char* kLakeflowConnectionType = "GENERIC_LAKEFLOW_CONNECT";
/// Today's upstream type (OAuth-capable); a connection's `type:` chooses it.
inline constexpr const char* kCommunityConnectionType = "COMMUNITY";

struct ModelOptions {
  /// Put the ownership marker into pipeline configuration and connection comments. The
  /// imperative commands turn it off to send exactly the original tool's bodies.
  bool markOwnership = true;
  /// The `external_options_allowlist` of a connection's connector spec (manifest `spec:`),
  /// loaded by the caller (connector_spec.h); nullopt when the connection names no spec. The
  /// model merges it with the bundled constant list as the original does.
  std::function<std::optional<std::string>(const std::string& connectionName)> specAllowlist;
  /// The file of one `packages:` entry of a managed pipeline (a wheel read from disk or built
  /// from a source folder), produced by the caller (the engine reads no files); `where` is the
  /// entry's JSON pointer, for messages. Unset: a manifest with packages cannot be modelled.
  std::function<Result<PackageArtifact>(const std::string& pipeline, const nlohmann::json& entry,
                                        const std::string& where)>
      packageArtifact;
  /// The layout of a pipeline whose repo block declares none (today's generation): called with
  /// the Git folder's path and the source; nullopt when the folder does not exist yet. Unset:
  /// an undeclared layout is legacy, the seed's requests exactly (repo_layout.h).
  std::function<Result<std::optional<RepoLayout>>(const std::string& repoPath, const std::string& source)> detectLayout;
  /// Send the pipeline's schema as `schema` with the configuration's default (`default`), as
  /// today's original does, instead of the seed's `target` defaulting to the source name.
  bool schemaField = false;
};

/// Every desired resource, sorted by key, plus what the planner must check in the workspace.
struct DesiredState {
  std::vector<DesiredResource> resources;       // sorted by key, unique keys
  std::vector<std::string> externalConnections; // referenced by pipelines, not in the manifest
  std::string toolRoot;                         // ownership.h toolRoot(userName): earlier releases'
  Deployment deployment;                        // the manifest's (environments.h)
  /// The deployment's state file when makePlan read it already; unset: the planner reads it.
  std::optional<StateFileSnapshot> stateFile;
  WorkspaceContext context;
  Diagnostics warnings;

  const DesiredResource* find(const ResourceKey& key) const;
};

/// Builds the desired state. Errors (each naming the manifest node) for values the schema
/// cannot catch, e.g. a workspace path that resolves to nothing.
Result<DesiredState> buildModel(const Manifest& manifest, const WorkspaceContext& context,
                                const BundledData& bundled, const ModelOptions& options = {});

/// The original tool's library conversion: notebook/file/glob → {notebook|file: {path}}; a glob
/// becomes a file library; unknown shapes are dropped (reported in `warnings`).
nlohmann::json convertLibraries(const nlohmann::json& libraries, Diagnostics& warnings, const std::string& where);

}  // namespace cc::engine
