// WorkspaceApi: Unity Catalog volumes and the Files API under /Volumes (wheels for managed
// ingestion pipelines live there).
#include <cstdlib>

#include "providers/workspace_api.h"

namespace cc::providers {
namespace {

VolumeInfo volumeFrom(const nlohmann::json& j) {
  VolumeInfo v;
  v.fullName = j.value("full_name", "");
  v.catalogName = j.value("catalog_name", "");
  v.schemaName = j.value("schema_name", "");
  v.name = j.value("name", "");
  v.volumeType = j.value("volume_type", "");
  v.storageLocation = j.value("storage_location", "");
  v.volumeId = j.value("volume_id", "");
  if (v.fullName.empty() && !v.name.empty()) v.fullName = v.catalogName + "." + v.schemaName + "." + v.name;
  return v;
}

std::string volumePath(const std::string& fullName) {
  return "/api/2.1/unity-catalog/volumes/" + encodePathSegment(fullName);
}

// "/Volumes/c/s/v/a b.whl" → "/api/2.0/fs/files/Volumes/c/s/v/a%20b.whl": each segment encoded,
// empty ones (a doubled or trailing '/') dropped. `base` is the files or directories endpoint.
std::string filesPath(const std::string& path, const char* base = "/api/2.0/fs/files") {
  std::string out = base;
  std::size_t start = 0;
  while (start < path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    if (end > start) out += "/" + encodePathSegment(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool alreadyExists(const ApiError& e) {
  return e.isAlreadyExists() || e.errorCode.find("ALREADY_EXISTS") != std::string::npos;
}

}  // namespace

ApiResult<VolumeInfo> WorkspaceApi::createVolume(const nlohmann::json& body) {
  const std::string fullName =
      body.value("catalog_name", "") + "." + body.value("schema_name", "") + "." + body.value("name", "");
  for (int attempt = 1;; ++attempt) {
    auto r = call({"POST", "/api/2.1/unity-catalog/volumes", {}, body, RetrySafety::NotIdempotent});
    if (r) return volumeFrom(r.value());
    // Another run (or our lost first send) created it: the volume is what we wanted.
    if (alreadyExists(r.error())) return getVolume(fullName);
    if (!r.error().outcomeUnknown() || attempt >= kCreateTries) return r.error();
    auto found = findVolume(fullName);
    if (found && found->has_value()) return **found;
    if (!found) return found.error();
  }
}

ApiResult<VolumeInfo> WorkspaceApi::getVolume(const std::string& fullName) {
  auto r = call({"GET", volumePath(fullName), {}, {}, {}});
  if (!r) return r.error();
  return volumeFrom(r.value());
}

ApiResult<std::optional<VolumeInfo>> WorkspaceApi::findVolume(const std::string& fullName) {
  auto r = getVolume(fullName);
  if (r) return std::optional<VolumeInfo>(std::move(r.value()));
  if (r.error().isNotFound()) return std::optional<VolumeInfo>();
  return r.error();
}

ApiStatus WorkspaceApi::deleteVolume(const std::string& fullName) {
  auto r = call({"DELETE", volumePath(fullName), {}, {}, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiStatus WorkspaceApi::uploadFile(const std::string& path, const std::string& bytes) {
  auto r = client_->exchange({"PUT", filesPath(path), {{"overwrite", "true"}}, {}, RetrySafety::Idempotent}, &bytes);
  if (!r) return r.error();
  return apiOk();
}

ApiResult<std::string> WorkspaceApi::downloadFile(const std::string& path) {
  auto r = client_->exchange({"GET", filesPath(path), {}, {}, {}});
  if (!r) return r.error();
  return std::move(r.value().body);
}

ApiResult<std::optional<FileMetadata>> WorkspaceApi::findFile(const std::string& path) {
  auto r = client_->exchange({"HEAD", filesPath(path), {}, {}, {}});
  if (!r) {
    if (r.error().isNotFound()) return std::optional<FileMetadata>();
    return r.error();
  }
  FileMetadata m;
  m.size = std::atoll(r->header("Content-Length").c_str());
  m.lastModified = r->header("Last-Modified");
  return std::optional<FileMetadata>(m);
}

ApiStatus WorkspaceApi::deleteFile(const std::string& path) {
  auto r = client_->exchange({"DELETE", filesPath(path), {}, {}, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiStatus WorkspaceApi::createDirectory(const std::string& path) {
  auto r = client_->exchange({"PUT", filesPath(path, "/api/2.0/fs/directories"), {}, {}, RetrySafety::Idempotent});
  if (!r && !alreadyExists(r.error())) return r.error();
  return apiOk();
}

}  // namespace cc::providers
