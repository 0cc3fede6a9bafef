#pragma once
// Ownership: how the tool recognises what a deployment (deployment.h) made, with no local state.
//
// - Connection: its comment at creation carries the marker "managed by community-connector
//   deployment <name>/<env>" (alone, or as "<user comment> (<marker>)"); comments cannot change
//   after creation, so a connection adopted later is the deployment's through its record
//   (state_store.h) instead. The match is exact: a comment that merely contains the words is
//   not a marker.
// - Pipeline: `configuration["community_connector.deployment"] = "<name>/<env>"` (next to the
//   older `community_connector.managed_by` key), written with the spec on create and every PUT.
// - Repo, IngestFile: through the deployment's record, or (a lost record, a migration) as the
//   files of a pipeline the deployment owns (the planner decides that). Directories are shared
//   by pipelines and never deleted, so they belong to nobody.
// - Volume: shared like directories (the default packages volume of a schema serves every
//   pipeline there, ours or not): created when missing, never deleted, nobody's.
// - VolumeFile: through the deployment's record only; a package file that exists and is not in
//   the record is somebody else's, and is not overwritten without --adopt.
//
// Earlier releases wrote one tool-wide marker (the comment "managed by community-connector",
// the `managed_by` key alone). Such resources are Legacy: a manifest that names them takes them
// into its deployment (migration); --prune and destroy never delete a legacy resource the
// manifest does not name.

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "engine/provider.h"

namespace cc::engine {

inline constexpr std::string_view kConnectionMarker = "managed by community-connector";
inline constexpr std::string_view kPipelineMarkerKey = "community_connector.managed_by";
inline constexpr std::string_view kPipelineMarkerValue = "community-connector";
inline constexpr std::string_view kPipelineDeploymentKey = "community_connector.deployment";

/// The comment a new connection gets: the deployment's marker, after the user's comment when
/// there is one.
std::string connectionComment(std::string_view userComment, std::string_view deploymentId);

/// What a connection comment says about its owner: nullopt for no marker, "" for the tool-wide
/// marker of earlier releases, else the deployment id ("<name>/<env>").
std::optional<std::string> markerInComment(std::string_view comment);

/// The tool root of earlier releases for a user: "/Users/<user>/.lakeflow_community_connectors".
std::string toolRoot(std::string_view userName);
/// Where earlier releases kept the apply lock and fingerprint store of a tool root.
std::string legacyLockPath(std::string_view root);
std::string legacyFingerprintStorePath(std::string_view root);

/// `path` with empty and "." segments dropped and ".." applied ("/a//b/../c" → "/a/c");
/// nullopt for a relative path or one that climbs above "/".
std::optional<std::string> normalWorkspacePath(std::string_view path);

/// True when `path` is `root` or below it ("/a/b" is under "/a", "/ab" is not), both
/// normalised first ("/a/../b" is not under "/a"; a path climbing above "/" is under nothing).
bool isUnder(std::string_view path, std::string_view root);

enum class OwnerKind {
  None,    // no marker, not in the record: nobody's (or made by hand)
  This,    // this deployment's
  Other,   // another deployment's marker
  Legacy,  // an earlier release's tool-wide marker (or its tool root)
};

struct Owner {
  OwnerKind kind = OwnerKind::None;
  std::string deployment;  // Other: the deployment id its marker names
};

/// What decides ownership for one deployment.
struct OwnershipScope {
  std::string deploymentId;        // "<name>/<env>"
  std::set<ResourceKey> record;    // the resources its record lists
};

/// Who owns an observed resource (see the header comment). A missing resource is nobody's.
Owner ownerOf(const ObservedResource& observed, const OwnershipScope& scope);

/// Whether a connection or pipeline carries any marker of the tool (any deployment, legacy
/// included): what providers' listMarked returns.
bool carriesMarker(const ObservedResource& observed);

}  // namespace cc::engine
