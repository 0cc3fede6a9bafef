#include "engine/run_action_provider.h"

namespace cc::engine {
namespace {

Diagnostics refused(const ResourceKey& key, const std::string& operation) {
  Diagnostics d;
  d.error(key.display() + ": a pipeline run cannot be " + operation, std::nullopt,
          "runs are started through PipelineRunner");
  return d;
}

}  // namespace

Result<std::vector<ObservedResource>> RunActionProvider::observe(const std::vector<ResourceKey>& keys) {
  std::vector<ObservedResource> out(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) out[i].key = keys[i];
  return out;
}

Result<ObservedResource> RunActionProvider::create(const DesiredResource& desired) {
  return refused(desired.key, "created");
}

Result<ObservedResource> RunActionProvider::update(const DesiredResource& desired, const ObservedResource&,
                                                   const std::vector<std::string>&) {
  return refused(desired.key, "updated");
}

Status RunActionProvider::remove(const ObservedResource& current) { return refused(current.key, "deleted"); }

Result<std::vector<ObservedResource>> RunActionProvider::listMarked() { return std::vector<ObservedResource>{}; }

}  // namespace cc::engine
