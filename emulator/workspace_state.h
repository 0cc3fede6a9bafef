#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/emulator_options.h"

namespace cc::emulator {

/// A workspace tree node; `contentB64` keeps bytes base64-encoded as the API carries them.
struct WorkspaceObject {
  std::string type;  // DIRECTORY, NOTEBOOK, FILE, REPO
  int64_t objectId = 0;
  std::string language;
  std::string contentB64;
  int64_t size = 0;
  int64_t createdAt = 0;
  int64_t modifiedAt = 0;
};

/// A Git folder; its id equals the objectId of the REPO node at `path`, as in the real API.
struct Repo {
  int64_t id = 0;
  std::string path;
  std::string url;
  std::string provider;
  std::string branch;
  std::string tag;
  std::string headCommitId;
  bool sparseEnabled = false;
  std::vector<std::string> sparsePatterns;
};

/// A Unity Catalog connection: `info` holds every response field except `options`, which are
/// kept whole (secrets included) and redacted on the way out.
struct Connection {
  nlohmann::json info;
  std::map<std::string, std::string> options;
};

/// A Unity Catalog volume: `info` is the VolumeInfo the API returns.
struct Volume {
  nlohmann::json info;
};

/// A file or directory under /Volumes (Files API); bytes kept base64-encoded so the state file
/// stays valid JSON.
struct VolumeFile {
  bool directory = false;
  std::string contentB64;
  int64_t size = 0;
  int64_t modifiedAt = 0;
};

/// One pipeline event; `details` is the free-form payload.
struct PipelineEvent {
  std::string id;
  int64_t timestampMs = 0;
  std::string level;
  std::string eventType;
  std::string message;
  std::string updateId;
  nlohmann::json details;
  int64_t sequence = 0;
};

/// A pipeline update and its planned state sequence; `index` points at the current state.
struct PipelineUpdate {
  std::string updateId;
  int64_t creationTime = 0;
  nlohmann::json request;  // full_refresh, validate_only, cause, selections, parameters
  nlohmann::json config;   // the spec when the update started
  std::vector<std::string> plan;
  size_t index = 0;
  int64_t advancedMs = 0;  // emulated time the current state was entered
};

/// A pipeline: the stored spec (request-only fields removed, defaults filled) and its runs.
struct Pipeline {
  std::string id;
  nlohmann::json spec;
  std::string creator;
  nlohmann::json runAs;       // null when never set
  nlohmann::json parameters;  // null when never set
  int64_t lastModified = 0;
  std::vector<PipelineUpdate> updates;  // oldest first
  std::vector<PipelineEvent> events;    // oldest first
};

/// An OAuth access token issued by `/oidc/v1/token`.
struct IssuedToken {
  std::string principal;
  int64_t expiresMs = 0;
};

/// Everything the workspace holds; persisted whole by WorkspaceState.
struct WorkspaceData {
  std::map<std::string, WorkspaceObject> objects;  // normalised path → node
  std::map<int64_t, Repo> repos;
  std::map<std::string, Connection> connections;  // lower-cased name → connection
  std::map<std::string, Pipeline> pipelines;      // pipeline_id → pipeline
  std::map<std::string, IssuedToken> tokens;
  std::map<std::string, Volume> volumes;          // lower-cased full name → volume
  std::map<std::string, VolumeFile> volumeFiles;  // /Volumes/c/s/v/path → entry (not the volume root)
  int64_t nextObjectId = 1000000000000001;
  uint64_t nextUuid = 1;
  int64_t nextEventSequence = 1;
  int64_t clockOffsetMs = 0;
  bool failNextUpdate = false;
};

/// The emulated workspace: data behind one mutex, deterministic ids, an offsettable clock and
/// the `--state` file (each commit writes a temp file and renames it over the old one).
class WorkspaceState {
 public:
  explicit WorkspaceState(const EmulatorOptions& options);

  /// Loads `--state` when it exists, else seeds the default tree; returns an error message.
  std::string load();

  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }
  WorkspaceData& data() { return data_; }
  const EmulatorOptions& options() const { return options_; }

  /// Persists the data (caller holds the lock); returns an error message, empty on success.
  std::string commit();

  /// Drops everything and re-seeds the default tree (caller holds the lock).
  void reset();

  int64_t nowMs() const;
  std::string newUuid();
  int64_t newObjectId();
  std::string metastoreId() const;
  std::string workspaceId() const;
  std::string accountId() const;
  /// A stable numeric SCIM id for a principal.
  std::string userId(const std::string& userName) const;

 private:
  void seedTree();

  EmulatorOptions options_;
  std::mutex mutex_;
  WorkspaceData data_;
};

/// Lower-case UUID text from 128 bits derived from (seed, n): deterministic under `--seed`.
std::string deterministicUuid(uint64_t seed, uint64_t n);

/// ISO-8601 UTC with milliseconds and `Z`, e.g. `2025-02-04T04:30:04.315Z`.
std::string isoTimestamp(int64_t epochMs);

/// Parses isoTimestamp's format (also without millis); returns -1 when malformed.
int64_t parseIsoTimestamp(const std::string& text);

}  // namespace cc::emulator
