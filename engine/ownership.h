#pragma once
// Ownership markers: how the tool recognises what it created, with no local state file.
//
// - Connection: its comment at creation contains kConnectionMarker ("managed by
//   community-connector"); comment and properties cannot change after creation (api §4.5), so
//   the marker is written then. The original tool's comment ("created by lakeflow
//   community-connector CLI tool") does not contain it, so its connections are not ours until
//   adopted. An adopted connection (`--adopt`) is marked by its fingerprint record instead
//   (`"adopted": true`, see secret_fingerprint.h), stored under the tool's state directory.
// - Pipeline: `configuration[kPipelineMarkerKey] = kPipelineMarkerValue`, written with the spec
//   (create and every PUT), so an adopted pipeline becomes owned by its first update.
// - Directory, Repo, IngestFile: owned when they live under the tool root
//   (/Users/<user>/.lakeflow_community_connectors). They are named by path in the manifest,
//   so plan/apply manage them wherever they are; only --prune/destroy need the root rule.
// The state directory <root>/.community-connector holds the apply lock and the fingerprint store.

#include <optional>
#include <string>
#include <string_view>

#include "engine/provider.h"

namespace cc::engine {

inline constexpr std::string_view kConnectionMarker = "managed by community-connector";
inline constexpr std::string_view kPipelineMarkerKey = "community_connector.managed_by";
inline constexpr std::string_view kPipelineMarkerValue = "community-connector";

/// The comment a new connection gets: the marker, after the user's comment when there is one.
std::string connectionComment(std::string_view userComment);

/// The tool root for a user: "/Users/<user>/.lakeflow_community_connectors".
std::string toolRoot(std::string_view userName);
/// "<root>/.community-connector": lock and fingerprint records.
std::string stateDirectory(std::string_view root);
/// "<state>/apply.lock".
std::string lockPath(std::string_view root);
/// "<state>/fingerprints.json": every connection's secret fingerprint record (fingerprint_store.h).
std::string fingerprintStorePath(std::string_view root);

/// `path` with empty and "." segments dropped and ".." applied ("/a//b/../c" → "/a/c");
/// nullopt for a relative path or one that climbs above "/".
std::optional<std::string> normalWorkspacePath(std::string_view path);

/// True when `path` is `root` or below it ("/a/b" is under "/a", "/ab" is not), both
/// normalised first ("/a/../b" is not under "/a"; a path climbing above "/" is under nothing).
bool isUnder(std::string_view path, std::string_view root);

/// Whether an observed resource carries the tool's marker (see the header comment).
/// `root` is the tool root; connections also count as owned through an adopted record
/// (ObservedResource::fingerprints["adopted"] == true).
bool isOwned(const ObservedResource& observed, std::string_view root);

}  // namespace cc::engine
