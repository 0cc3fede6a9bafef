#pragma once
// Typed REST calls of every API family we use, with paging loops, in one place. Creates never
// resend blindly: after a lost response (or a 5xx other than 503) they look the resource up by
// its natural key first, so nothing is duplicated.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "providers/api_result.h"
#include "providers/workspace_client.h"

namespace cc::providers {

/// Workspace object (get-status, list). `path` has any leading "/Workspace" removed.
struct ObjectInfo {
  std::string objectType;  // NOTEBOOK, DIRECTORY, FILE, REPO, …
  std::string path;
  std::string language;
  std::int64_t objectId = 0;
};

struct RepoInfo {
  std::int64_t id = 0;
  std::string path;
  std::string url;
  std::string provider;
  std::string branch;
  std::string headCommitId;
  std::vector<std::string> sparsePatterns;
};

/// An item of the pipelines list, which carries no spec.
struct PipelineSummary {
  std::string pipelineId;
  std::string name;
};

struct ExportedFile {
  std::string content;  // decoded bytes
};

/// A Unity Catalog volume (VolumeInfo).
struct VolumeInfo {
  std::string fullName;  // catalog.schema.name
  std::string catalogName;
  std::string schemaName;
  std::string name;
  std::string volumeType;  // MANAGED or EXTERNAL
  std::string storageLocation;
  std::string volumeId;
};

/// What HEAD of a file in a volume tells.
struct FileMetadata {
  std::int64_t size = 0;
  std::string lastModified;  // the Last-Modified header, as sent
};

/// Stateless apart from the client; safe to share between threads.
class WorkspaceApi {
 public:
  explicit WorkspaceApi(std::shared_ptr<WorkspaceClient> client);
  WorkspaceClient& client() { return *client_; }
  /// Reads of one kind in flight at once while planning (plan/apply --parallelism). Kinds are
  /// read at the same time, so a plan has a few times this many requests open.
  std::size_t readParallelism() const { return readParallelism_; }
  void setReadParallelism(std::size_t n) { readParallelism_ = n < 1 ? 1 : n; }

  // Identity.
  ApiResult<nlohmann::json> me();
  ApiResult<std::string> currentUserName();

  // Workspace objects. mkdirs treats RESOURCE_ALREADY_EXISTS of the directory as success.
  ApiStatus mkdirs(const std::string& path);
  ApiStatus importFile(const std::string& path, const std::string& content, const std::string& format,
                       const std::string& language, bool overwrite);
  ApiResult<ExportedFile> exportFile(const std::string& path, const std::string& format = "SOURCE");
  ApiResult<ObjectInfo> getStatus(const std::string& path);
  /// nullopt when the path does not exist; any other error is returned.
  ApiResult<std::optional<ObjectInfo>> findStatus(const std::string& path);
  ApiResult<std::vector<ObjectInfo>> list(const std::string& path);
  ApiStatus deletePath(const std::string& path, bool recursive);

  // Repos (Git folders).
  ApiResult<RepoInfo> createRepo(const nlohmann::json& body);
  ApiResult<RepoInfo> getRepo(std::int64_t id);
  ApiStatus updateRepo(std::int64_t id, const nlohmann::json& body);
  ApiStatus deleteRepo(std::int64_t id);
  ApiResult<std::vector<RepoInfo>> listRepos(const std::string& pathPrefix);
  /// get-status of `path`; a REPO object is read with GET /repos/{id}.
  ApiResult<std::optional<RepoInfo>> findRepoByPath(const std::string& path);

  // Unity Catalog connections. Responses are ConnectionInfo JSON.
  ApiResult<nlohmann::json> createConnection(const nlohmann::json& body);
  ApiResult<nlohmann::json> getConnection(const std::string& name);
  ApiResult<nlohmann::json> updateConnection(const std::string& name, const nlohmann::json& body);
  ApiStatus deleteConnection(const std::string& name);
  /// All pages; `pageSize` 0 lets the server choose.
  ApiResult<std::vector<nlohmann::json>> listConnections(int pageSize = 0);

  // Unity Catalog volumes, by full name catalog.schema.name.
  /// Creates; ALREADY_EXISTS, or a lost response after which the volume exists, reads it instead.
  ApiResult<VolumeInfo> createVolume(const nlohmann::json& body);
  ApiResult<VolumeInfo> getVolume(const std::string& fullName);
  /// nullopt when the volume does not exist; any other error is returned.
  ApiResult<std::optional<VolumeInfo>> findVolume(const std::string& fullName);
  ApiStatus deleteVolume(const std::string& fullName);

  // Files API: absolute /Volumes/catalog/schema/volume/... paths, raw bytes.
  /// PUT with overwrite=true: idempotent, so retried like a read. Parents are created.
  ApiStatus uploadFile(const std::string& path, const std::string& bytes);
  ApiResult<std::string> downloadFile(const std::string& path);
  /// HEAD; nullopt when there is no such file.
  ApiResult<std::optional<FileMetadata>> findFile(const std::string& path);
  ApiStatus deleteFile(const std::string& path);
  /// PUT /api/2.0/fs/directories/...: creates the directory and its parents; one that exists
  /// already is success (the API answers 200 or ALREADY_EXISTS, both meaning "it is there").
  ApiStatus createDirectory(const std::string& path);

  // Pipelines, their updates and events.
  /// Returns the pipeline_id.
  ApiResult<std::string> createPipeline(const nlohmann::json& body);
  ApiResult<nlohmann::json> getPipeline(const std::string& pipelineId);
  ApiStatus editPipeline(const std::string& pipelineId, const nlohmann::json& body);
  ApiStatus deletePipeline(const std::string& pipelineId);
  ApiResult<std::vector<PipelineSummary>> listPipelines(const std::string& filter = {}, int pageSize = 100);
  /// Exact name matches only; `_` and `%` in the name are escaped in the LIKE filter.
  ApiResult<std::vector<PipelineSummary>> findPipelinesByName(const std::string& name);
  /// Returns the update_id.
  ApiResult<std::string> startUpdate(const std::string& pipelineId, const nlohmann::json& body);
  ApiResult<nlohmann::json> getUpdate(const std::string& pipelineId, const std::string& updateId);
  ApiResult<std::vector<nlohmann::json>> listUpdates(const std::string& pipelineId, int maxResults = 25);
  /// Newest first, at most `maxPages` pages of `maxResults`.
  ApiResult<std::vector<nlohmann::json>> listEvents(const std::string& pipelineId, const std::string& filter = {},
                                                    int maxResults = 100, int maxPages = 1);
  ApiStatus stopPipeline(const std::string& pipelineId);

 private:
  /// A create whose outcome is unknown (lost response) is looked up by its natural key and,
  /// when absent, sent again: at most this many sends in all.
  static constexpr int kCreateTries = 3;

  ApiResult<nlohmann::json> call(ApiCall c) { return client_->call(c); }
  /// Follows `tokenField` until it is absent, collecting `itemsField` of every page.
  ApiResult<std::vector<nlohmann::json>> paged(ApiCall call, const std::string& tokenParam,
                                               const std::string& itemsField, int maxPages = 10000);

  std::size_t readParallelism_ = 10;
  std::shared_ptr<WorkspaceClient> client_;
};

/// `name LIKE '<pattern>'` with `\`, `%`, `_` escaped by `\` and `'` doubled.
std::string exactNameLikeFilter(const std::string& name);
/// One URL path segment, percent-encoded (RFC 3986 unreserved characters kept).
std::string encodePathSegment(const std::string& segment);
/// "/Workspace/Users/x" → "/Users/x".
std::string stripWorkspacePrefix(const std::string& path);

}  // namespace cc::providers
