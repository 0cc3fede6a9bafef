#pragma once
// The only way the engine reaches a workspace. providers/ implements it over HTTPS (one class
// per kind); tests/support/in_memory_provider.h implements it in memory.
//
// Contract for every implementation:
// - Plain data in and out; errors are Result values whose summary carries the API's status and
//   error_code in one line (e.g. "404 RESOURCE_DOES_NOT_EXIST: Connection 'x' does not exist")
//   and whose `api` member (api_failure.h) keeps them as data for the edge to print. The
//   engine adds the resource key and operation once; providers must not repeat them, and must
//   never put a Secret's value in any message.
// - "Not found" during observe is not an error: it is ObservedResource{exists = false}.
// - Methods may be called from several executor threads at once (different keys).
// - ObservedResource::fields use the same names and shapes as DesiredResource::fields, limited
//   to what the API returns; server-only extras may be included (the differ only looks at
//   fields the desired state sets).

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/resource.h"
#include "engine/result.h"
#include "engine/run_state.h"

namespace cc::engine {

/// Live state of one resource as last read.
struct ObservedResource {
  ResourceKey key;
  bool exists = false;
  nlohmann::json fields = nlohmann::json::object();
  /// Server id needed by later calls: pipeline_id, repo id, connection_id, workspace object_id.
  std::string remoteId;
  /// What `apply PLANFILE` compares to detect a stale plan: pipeline `last_modified`,
  /// connection `updated_at`, repo `head_commit_id`+`branch`, file `modified_at`, or "" for
  /// a missing resource. Any change means the workspace moved since the plan was made.
  std::string version;
  /// Secret fingerprint record read from the deployment's state file (state_store.h); filled
  /// by the planner, not by providers.
  nlohmann::json fingerprints = nlohmann::json::object();
  /// The key `fingerprints` is checked with (secret_fingerprint.h); filled by the planner,
  /// never written to a plan file.
  std::string fingerprintKey;
};

/// The workspace's identity facts the model needs before it can resolve placeholders.
struct WorkspaceContext {
  std::string userName;  // SCIM Me `userName`; replaces {CURRENT_USER}
  std::string host;      // e.g. "https://adb-1.azuredatabricks.net"; for URLs in output
};

/// CRUD for one resource kind (Connection, Directory, Repo, IngestFile, Pipeline).
///
/// What each kind's create must do (HTTPS implementation; the in-memory one mimics the result):
/// - Connection: POST connections {name, connection_type, options (+ secrets), comment}.
/// - Directory: POST workspace/mkdirs {path}; RESOURCE_ALREADY_EXISTS for a directory is ok.
/// - Repo: POST repos {url, provider, path, sparse_checkout{patterns} if non-empty}; PATCH
///   {branch} when set; GET; then POST workspace/delete of each `inputs.exclude_root_files`
///   under the repo path, ignoring "does not exist" — one action, as the original does.
/// - IngestFile: POST workspace/import {path, content: base64(inputs.content), format SOURCE,
///   language PYTHON, overwrite true}. Observe reports fields {path, content_sha256} where
///   content_sha256 is the lower-case hex SHA-256 of the exported bytes.
/// - Pipeline: POST pipelines with exactly `fields`. Update: PUT the full spec = `fields`.
class Provider {
 public:
  virtual ~Provider() = default;

  /// Reads every key (all of this provider's kind) with as few requests as the API allows
  /// (connections and pipelines: one paged list, then GETs only for keys that need a spec).
  /// Returns one entry per key, in the order given.
  virtual Result<std::vector<ObservedResource>> observe(const std::vector<ResourceKey>& keys) = 0;

  /// Creates the resource; returns its state after creation (exists = true, remoteId set).
  virtual Result<ObservedResource> create(const DesiredResource& desired) = 0;

  /// Changes `changedFields` (top-level names of desired.fields) in place; `current` is what
  /// observe returned (for the remoteId). Connections must resend the whole options map,
  /// secrets included; pipelines PUT the complete spec.
  virtual Result<ObservedResource> update(const DesiredResource& desired, const ObservedResource& current,
                                          const std::vector<std::string>& changedFields) = 0;

  /// Deletes the resource; a resource already gone is success.
  virtual Status remove(const ObservedResource& current) = 0;

  /// Every existing resource of this kind that carries a marker of the tool, of any deployment
  /// (ownership.h carriesMarker), for --prune and the record's rebuild. Kinds without markers
  /// (Directory, Repo, IngestFile) return nothing.
  virtual Result<std::vector<ObservedResource>> listMarked() = 0;
};

/// One entry of a pipeline's event log that belongs to an update (progress, warnings, errors).
struct RunEvent {
  std::string id;
  std::string timestamp;  // ISO 8601, as the API sends it
  std::string level;      // INFO, WARN, ERROR, METRICS
  std::string type;       // update_progress, flow_progress, …
  std::string message;
};

/// State of a pipeline update as the API names it (QUEUED … COMPLETED/FAILED/CANCELED).
struct RunStatus {
  std::string updateId;
  std::string state;  // the API's spelling; parseRunState (run_state.h) reads it
  /// Events of this update not reported by an earlier poll, oldest first.
  std::vector<RunEvent> events;
  bool terminal() const { return isTerminal(parseRunState(state)); }
};

/// Starts and follows pipeline updates (ResourceKind::PipelineRun).
class PipelineRunner {
 public:
  virtual ~PipelineRunner() = default;
  /// POST pipelines/{id}/updates {full_refresh}.
  virtual Result<RunStatus> start(const std::string& pipelineId, bool fullRefresh) = 0;
  /// One poll: GET pipelines/{id}/updates/{update}; with `withEvents` also the update's events
  /// since the last poll (best effort: events that cannot be read are left out, and nothing is
  /// read when nobody shows them). The implementation paces itself (the HTTPS
  /// one sleeps through its Sleeper between polls); the engine loops until terminal().
  virtual Result<RunStatus> poll(const std::string& pipelineId, const std::string& updateId, bool withEvents) = 0;
};

/// A small workspace file (lock files, secret fingerprint markers).
struct SmallFile {
  std::string content;
  std::int64_t modifiedAtMs = 0;
};

/// Workspace-level operations: identity and small files under the tool's own path.
class Workspace {
 public:
  virtual ~Workspace() = default;
  /// GET preview/scim/v2/Me → userName, plus the configured host.
  virtual Result<WorkspaceContext> currentContext() = 0;
  /// Creates `path` with `content` only if nothing exists there (import, overwrite false;
  /// parents created first). Returns false, not an error, when the path already exists.
  virtual Result<bool> createFileExclusive(const std::string& path, const std::string& content) = 0;
  /// Reads files; missing paths are simply absent from the result (export per path).
  virtual Result<std::map<std::string, SmallFile>> readFiles(const std::vector<std::string>& paths) = 0;
  /// Writes (overwrite, parents created first).
  virtual Status writeFile(const std::string& path, const std::string& content) = 0;
  /// Deletes a file; missing is success.
  virtual Status deleteFile(const std::string& path) = 0;
};

/// Where the engine finds the implementation of each kind. Owned by the caller.
class ProviderRegistry {
 public:
  virtual ~ProviderRegistry() = default;
  /// For every kind except PipelineRun.
  virtual Provider& provider(ResourceKind kind) = 0;
  virtual PipelineRunner& runner() = 0;
  virtual Workspace& workspace() = 0;
  /// Values that must never appear in a log or error text (the manifest's sensitive values):
  /// an HTTPS registry masks them in --debug output and in API error messages.
  virtual void maskInLogs(const std::vector<std::string>& values) { (void)values; }
};

}  // namespace cc::engine
