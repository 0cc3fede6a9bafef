#pragma once
// Resources as the engine sees them: a closed set of kinds, a natural key, and the desired
// state the model computes from the manifest. Plain data only; providers turn it into requests.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/intent.h"
#include "engine/secret.h"

namespace cc::engine {

/// Every kind of workspace object the tool manages. A switch on it has no `default`.
enum class ResourceKind {
  Connection,   // Unity Catalog connection; natural key: connection name
  Directory,    // workspace directory (the parent of a pipeline's workspace path); key: path
  Repo,         // Git folder at the pipeline's workspace path; key: workspace path
  IngestFile,   // <workspace_path>/ingest.py rendered from templates/; key: file path
  Pipeline,     // ingestion pipeline; key: pipeline name
  PipelineRun,  // an update started after apply (manifest `run:`); key: pipeline name
  Volume,       // Unity Catalog volume holding a managed pipeline's packages; key: catalog.schema.volume
  VolumeFile,   // a package file in a volume (Files API); key: /Volumes/catalog/schema/volume/... path
};

inline constexpr ResourceKind kAllResourceKinds[] = {
    ResourceKind::Connection, ResourceKind::Directory, ResourceKind::Repo,
    ResourceKind::IngestFile, ResourceKind::Pipeline,  ResourceKind::PipelineRun,
    ResourceKind::Volume,     ResourceKind::VolumeFile};

/// "connection", "directory", "repo", "ingest_file", "pipeline", "pipeline_run", "volume",
/// "volume_file".
std::string_view kindName(ResourceKind kind);
/// Inverse of kindName; false when `name` names no kind.
bool parseKindName(std::string_view name, ResourceKind& out);

/// Identity of a resource: its kind plus its natural key (no server ids: the stateless rule).
/// Ordered by kind then name, so every container of keys iterates deterministically.
struct ResourceKey {
  ResourceKind kind = ResourceKind::Connection;
  std::string name;

  /// "connection github_conn", "repo /Users/a/.lakeflow_community_connectors/p" — for messages.
  std::string display() const;
  /// "connection.github_conn" — the address `--target` and plan files use.
  std::string address() const;

  friend bool operator==(const ResourceKey&, const ResourceKey&) = default;
  friend auto operator<=>(const ResourceKey& a, const ResourceKey& b) {
    if (a.kind != b.kind) return static_cast<int>(a.kind) <=> static_cast<int>(b.kind);
    return a.name <=> b.name;
  }
};

/// What the manifest (after defaults and placeholders) wants a resource to be.
///
/// `fields` uses the REST API's field names and shapes, so a provider builds its request body
/// from them directly (e.g. a pipeline's fields are exactly the original tool's create body plus
/// the ownership marker in `configuration`). Only these fields are diffed.
/// `secrets` holds sensitive values by dotted field path ("options.token"); the provider merges
/// them into the request (`Secret::revealForRequest`); they never appear in `fields`.
/// `inputs` are manifest-only create/update inputs that are not read back from the server and
/// never diffed directly (repo `exclude_root_files`, ingest file `content`, run `full_refresh`).
struct DesiredResource {
  ResourceKey key;
  nlohmann::json fields = nlohmann::json::object();
  std::map<std::string, Secret> secrets;
  nlohmann::json inputs = nlohmann::json::object();
  std::vector<ResourceKey> dependsOn;  // edges of the DAG: these must exist first
  std::string origin;                  // JSON pointer of the manifest node it came from
  Intent intent = Intent::Converge;    // what the plan does with it (intent.h)
};

}  // namespace cc::engine
