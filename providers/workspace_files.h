#pragma once
// engine::Workspace over HTTPS: the current user and small files under the tool's own path
// (apply lock, secret fingerprint records).

#include <memory>

#include "engine/provider.h"
#include "providers/workspace_api.h"

namespace cc::providers {

/// Thread-safe; files are imported with format AUTO so they stay plain FILE objects.
class WorkspaceFiles final : public engine::Workspace {
 public:
  explicit WorkspaceFiles(std::shared_ptr<WorkspaceApi> api) : api_(std::move(api)) {}

  engine::Result<engine::WorkspaceContext> currentContext() override;
  engine::Result<bool> createFileExclusive(const std::string& path, const std::string& content) override;
  engine::Result<std::map<std::string, engine::SmallFile>> readFiles(const std::vector<std::string>& paths) override;
  engine::Status writeFile(const std::string& path, const std::string& content) override;
  engine::Status deleteFile(const std::string& path) override;

 private:
  ApiStatus ensureParent(const std::string& path);
  std::shared_ptr<WorkspaceApi> api_;
};

}  // namespace cc::providers
