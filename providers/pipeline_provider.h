#pragma once
// Pipelines: one paged list, then a GET per existing pipeline (in parallel) for its spec; PUT the full spec to update.

#include <memory>

#include "engine/provider.h"
#include "providers/workspace_api.h"

namespace cc::providers {

/// engine::Provider for ResourceKind::Pipeline. Thread-safe.
class PipelineProvider final : public engine::Provider {
 public:
  explicit PipelineProvider(std::shared_ptr<WorkspaceApi> api) : api_(std::move(api)) {}

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
