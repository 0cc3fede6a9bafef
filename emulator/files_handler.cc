// Files API under Unity Catalog volumes: raw-byte upload (parents created implicitly),
// download, HEAD, delete; directories created, listed and removed. Only /Volumes paths are
// emulated. Uploads answer 204 without a body, as the real service does.
#include <ctime>

#include "emulator/base64.h"
#include "emulator/handlers.h"
#include "emulator/page_token.h"
#include "emulator/router.h"
#include "emulator/volume_paths.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

constexpr size_t kDirectoryPageSize = 1000;

HttpResponse noContent() {
  HttpResponse response;
  response.status = 204;
  response.contentType.clear();
  return response;
}

// RFC 9110 IMF-fixdate, the format of Last-Modified.
std::string httpDate(int64_t epochMs) {
  const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

HttpResponse fileNotFound(const std::string& path) {
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "The file or directory " + path + " does not exist.");
}

// The request's path as a volume path whose volume exists; otherwise the error to answer.
std::optional<VolumePath> resolve(HttpRequest& request, WorkspaceState& state, HttpResponse& error) {
  const std::string shown = "/" + request.params["path"];
  auto path = parseVolumePath(shown);
  if (!path) {
    error = invalidParameter("Path " + shown + " is not supported: the emulator serves /Volumes/<catalog>/"
                             "<schema>/<volume>/... paths only, without '.' or '..' segments");
    return std::nullopt;
  }
  if (!state.data().volumes.count(path->fullName)) {
    error = errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "Volume '" + path->fullName + "' does not exist.");
    return std::nullopt;
  }
  return path;
}

// Creates the missing directories from the volume root down to `canonical`'s parent (or to
// `canonical` itself with `includeSelf`); "" on success, else the path that is a file.
std::string makeParents(WorkspaceState& state, const VolumePath& path, bool includeSelf) {
  auto& files = state.data().volumeFiles;
  std::string current = path.root;
  size_t start = 0;
  while (start < path.rest.size()) {
    const size_t slash = path.rest.find('/', start);
    if (slash == std::string::npos && !includeSelf) break;
    current += "/" + path.rest.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    auto it = files.find(current);
    if (it != files.end() && !it->second.directory) return current;
    if (it == files.end()) files[current] = VolumeFile{true, "", 0, state.nowMs()};
    start = slash == std::string::npos ? path.rest.size() : slash + 1;
  }
  return "";
}

int64_t storedBytes(const WorkspaceData& data) {
  int64_t total = 0;
  for (const auto& [key, file] : data.volumeFiles) total += file.size;
  return total;
}

std::optional<HttpResponse> uploadProblem(HttpRequest& request, WorkspaceState& state, const VolumePath& path) {
  const std::string overwrite = request.queryValue("overwrite").value_or("true");  // unset = overwrite
  if (overwrite != "true" && overwrite != "false") return invalidParameter("overwrite must be true or false");
  if (path.rest.empty()) return invalidParameter("Path " + path.root + " is a volume root, not a file");
  const auto& limit = state.options().maxFileBytes;
  if (static_cast<int64_t>(request.body.size()) > limit) {
    return errorResponse(413, "INVALID_PARAMETER_VALUE", "File of " + std::to_string(request.body.size()) +
                                                         " bytes exceeds --max-file-bytes " + std::to_string(limit));
  }
  auto it = state.data().volumeFiles.find(path.canonical());
  if (it != state.data().volumeFiles.end()) {
    if (it->second.directory) return errorResponse(409, "ALREADY_EXISTS", "A directory exists at " + path.canonical());
    if (overwrite == "false") return errorResponse(409, "ALREADY_EXISTS", "The file being created already exists.");
  }
  const int64_t previous = it == state.data().volumeFiles.end() ? 0 : it->second.size;
  const int64_t total = storedBytes(state.data()) - previous + static_cast<int64_t>(request.body.size());
  if (total > state.options().maxStoredFileBytes) {
    // Emulator limit, not the API's: every byte is rewritten into the --state file on each change.
    return errorResponse(413, "INVALID_PARAMETER_VALUE",
                         "Volume files would hold " + std::to_string(total) + " bytes, over --max-stored-file-bytes " +
                             std::to_string(state.options().maxStoredFileBytes));
  }
  return std::nullopt;
}

HttpResponse uploadFile(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  HttpResponse error;
  auto path = resolve(request, state, error);
  if (!path) return error;
  if (auto problem = uploadProblem(request, state, *path)) return *problem;
  if (std::string file = makeParents(state, *path, false); !file.empty()) {
    return invalidParameter("Cannot create " + path->canonical() + ": " + file + " is a file");
  }
  state.data().volumeFiles[path->canonical()] =
      VolumeFile{false, base64Encode(request.body), static_cast<int64_t>(request.body.size()), state.nowMs()};
  state.commit();
  return noContent();
}

// The key of the file the request names, else the error to answer.
std::optional<std::string> existingFile(HttpRequest& request, WorkspaceState& state, HttpResponse& error) {
  auto path = resolve(request, state, error);
  if (!path) return std::nullopt;
  auto it = state.data().volumeFiles.find(path->canonical());
  if (path->rest.empty() || (it != state.data().volumeFiles.end() && it->second.directory)) {
    error = invalidParameter("Path " + path->canonical() + " is a directory, not a file");  // emulator choice
    return std::nullopt;
  }
  if (it == state.data().volumeFiles.end()) {
    error = fileNotFound(path->canonical());
    return std::nullopt;
  }
  return it->first;
}

// GET and HEAD: the server sends no body for HEAD but keeps Content-Length.
HttpResponse downloadFile(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  HttpResponse error;
  auto key = existingFile(request, state, error);
  if (!key) return error;
  const VolumeFile& file = state.data().volumeFiles.at(*key);
  HttpResponse response;
  response.body = base64Decode(file.contentB64).value_or("");
  response.contentType = "application/octet-stream";
  response.headers["Last-Modified"] = httpDate(file.modifiedAt);
  return response;
}

HttpResponse deleteFile(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  HttpResponse error;
  auto key = existingFile(request, state, error);
  if (!key) return error;
  state.data().volumeFiles.erase(*key);
  state.commit();
  return noContent();
}

// Idempotent, like mkdir -p.
HttpResponse createDirectory(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  HttpResponse error;
  auto path = resolve(request, state, error);
  if (!path) return error;
  if (std::string file = makeParents(state, *path, true); !file.empty()) {
    return errorResponse(409, "ALREADY_EXISTS",
                         "Cannot create directory " + path->canonical() + ": " + file + " is a file");
  }
  state.commit();
  return noContent();
}

std::vector<std::string> volumeChildren(const WorkspaceData& data, const std::string& directory) {
  std::vector<std::string> children;
  const std::string prefix = directory + "/";
  for (auto it = data.volumeFiles.lower_bound(prefix); it != data.volumeFiles.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    if (it->first.find('/', prefix.size()) == std::string::npos) children.push_back(it->first);
  }
  return children;
}

// A directory that exists, else the error to answer.
std::optional<VolumePath> existingDirectory(HttpRequest& request, WorkspaceState& state, HttpResponse& error) {
  auto path = resolve(request, state, error);
  if (!path || path->rest.empty()) return path;
  auto it = state.data().volumeFiles.find(path->canonical());
  if (it == state.data().volumeFiles.end()) {
    error = fileNotFound(path->canonical());
    return std::nullopt;
  }
  if (!it->second.directory) {
    error = invalidParameter("Path " + path->canonical() + " is a file, not a directory");  // emulator choice
    return std::nullopt;
  }
  return path;
}

nlohmann::json directoryEntry(const std::string& path, const VolumeFile& file) {
  nlohmann::json entry = {{"path", path}, {"name", path.substr(path.rfind('/') + 1)},
                          {"is_directory", file.directory}};
  if (!file.directory) {
    entry["file_size"] = file.size;
    entry["last_modified"] = file.modifiedAt;
  }
  return entry;
}

HttpResponse listDirectory(HttpRequest& request, WorkspaceState& state) {
  std::string problem;
  const int64_t requested = integerQuery(request, "page_size", problem).value_or(0);  // 0: the server's size
  if (!problem.empty()) return invalidParameter(problem);
  if (requested < 0) return invalidParameter("page_size must not be negative");
  const size_t pageSize =
      requested == 0 ? kDirectoryPageSize : std::min(kDirectoryPageSize, static_cast<size_t>(requested));
  const auto cursor = pageCursorFromQuery(request, "page_token");
  if (!cursor) return invalidParameter("Invalid page_token");
  auto lock = state.lock();
  HttpResponse error;
  auto path = existingDirectory(request, state, error);
  if (!path) return error;
  const std::vector<std::string> children = volumeChildren(state.data(), path->canonical());
  const size_t end = std::min(children.size(), cursor->offset + pageSize);
  nlohmann::json body = nlohmann::json::object();
  for (size_t i = cursor->offset; i < end; ++i) {
    body["contents"].push_back(directoryEntry(children[i], state.data().volumeFiles.at(children[i])));
  }
  if (end < children.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

HttpResponse directoryMetadata(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  HttpResponse error;
  if (!existingDirectory(request, state, error)) return error;
  return jsonResponse(200, nlohmann::json::object());
}

HttpResponse deleteDirectory(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  HttpResponse error;
  auto path = existingDirectory(request, state, error);
  if (!path) return error;
  // Emulator choice: the root goes with the volume, not through the Files API.
  if (path->rest.empty()) return invalidParameter("The volume root " + path->root + " cannot be deleted");
  if (!volumeChildren(state.data(), path->canonical()).empty()) {
    return errorResponse(400, "DIRECTORY_NOT_EMPTY", "Directory " + path->canonical() + " is not empty");
  }
  state.data().volumeFiles.erase(path->canonical());
  state.commit();
  return noContent();
}

}  // namespace

void registerFilesRoutes(Router& router, WorkspaceState& state) {
  const std::string files = "/api/2.0/fs/files/{path...}";
  const std::string directories = "/api/2.0/fs/directories/{path...}";
  auto add = [&](const char* method, const std::string& pattern, StateHandler fn) {
    router.add(method, pattern, "files", withState(state, fn));
  };
  add("PUT", files, uploadFile);
  add("GET", files, downloadFile);
  add("HEAD", files, downloadFile);
  add("DELETE", files, deleteFile);
  add("PUT", directories, createDirectory);
  add("GET", directories, listDirectory);
  add("HEAD", directories, directoryMetadata);
  add("DELETE", directories, deleteDirectory);
}

}  // namespace cc::emulator
