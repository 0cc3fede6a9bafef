#include "providers/workspace_files.h"

#include "providers/provider_support.h"

namespace cc::providers {

engine::Result<engine::WorkspaceContext> WorkspaceFiles::currentContext() {
  auto name = api_->currentUserName();
  if (!name) return toDiagnostics(name.error());
  return engine::WorkspaceContext{name.value(), api_->client().host()};
}

ApiStatus WorkspaceFiles::ensureParent(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return apiOk();
  return api_->mkdirs(path.substr(0, slash));
}

engine::Result<bool> WorkspaceFiles::createFileExclusive(const std::string& path, const std::string& content) {
  if (auto p = ensureParent(path); !p) return toDiagnostics(p.error());
  auto r = api_->importFile(path, content, "AUTO", "", false);
  if (r) return true;
  if (r.error().isAlreadyExists()) return false;
  return toDiagnostics(r.error());
}

engine::Result<std::map<std::string, engine::SmallFile>> WorkspaceFiles::readFiles(const std::vector<std::string>& paths) {
  struct Read {
    std::optional<engine::SmallFile> file;
    std::optional<ApiError> error;
  };
  auto results = parallelMap<Read>(paths.size(), api_->readParallelism(), [&](std::size_t i) -> Read {
    // Export alone: a missing file is a 404, so no get-status round trip first.
    auto exported = api_->exportFile(paths[i], "AUTO");
    if (!exported) {
      if (exported.error().isNotFound()) return {};
      return {std::nullopt, exported.error()};
    }
    return {engine::SmallFile{exported->content, 0}, std::nullopt};
  });
  std::map<std::string, engine::SmallFile> out;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (results[i].error) return toDiagnostics(*results[i].error);
    if (results[i].file) out[paths[i]] = *results[i].file;
  }
  return out;
}

engine::Status WorkspaceFiles::writeFile(const std::string& path, const std::string& content) {
  if (auto p = ensureParent(path); !p) return toEngineStatus(p);
  return toEngineStatus(api_->importFile(path, content, "AUTO", "", true));
}

engine::Status WorkspaceFiles::deleteFile(const std::string& path) {
  auto r = api_->deletePath(path, false);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

}  // namespace cc::providers
