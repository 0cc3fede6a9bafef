#pragma once
// Workspace directories: get-status per path, mkdirs to create (idempotent).

#include <memory>

#include "engine/provider.h"
#include "providers/workspace_api.h"

namespace cc::providers {

/// engine::Provider for ResourceKind::Directory. Thread-safe.
class DirectoryProvider final : public engine::Provider {
 public:
  explicit DirectoryProvider(std::shared_ptr<WorkspaceApi> api) : api_(std::move(api)) {}

  engine::Result<std::vector<engine::ObservedResource>> observe(const std::vector<engine::ResourceKey>& keys) override;
  engine::Result<engine::ObservedResource> create(const engine::DesiredResource& desired) override;
  engine::Result<engine::ObservedResource> update(const engine::DesiredResource& desired,
                                                  const engine::ObservedResource& current,
                                                  const std::vector<std::string>& changedFields) override;
  engine::Status remove(const engine::ObservedResource& current) override;
  engine::Result<std::vector<engine::ObservedResource>> listMarked() override;

 private:
  std::shared_ptr<WorkspaceApi> api_;
};

}  // namespace cc::providers
