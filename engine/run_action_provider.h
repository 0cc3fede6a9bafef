#pragma once
// The Provider entry of ResourceKind::PipelineRun. A run is an action the executor starts
// through PipelineRunner, not an object: it is never found, and creating, updating or deleting
// one is refused (a caller that asks has a bug to see, not another kind's provider to misuse).

#include "engine/provider.h"

namespace cc::engine {

class RunActionProvider final : public Provider {
 public:
  /// One missing entry per key.
  Result<std::vector<ObservedResource>> observe(const std::vector<ResourceKey>& keys) override;
  Result<ObservedResource> create(const DesiredResource& desired) override;
  Result<ObservedResource> update(const DesiredResource& desired, const ObservedResource& current,
                                  const std::vector<std::string>& changedFields) override;
  Status remove(const ObservedResource& current) override;
  /// Nothing carries a marker.
  Result<std::vector<ObservedResource>> listMarked() override;
};

}  // namespace cc::engine
