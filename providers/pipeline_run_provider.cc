#include "providers/pipeline_run_provider.h"

#include "providers/provider_support.h"

namespace cc::providers {

engine::Result<engine::RunStatus> PipelineRunProvider::start(const std::string& pipelineId, bool fullRefresh) {
  auto id = api_->startUpdate(pipelineId, {{"full_refresh", fullRefresh}});
  if (!id) return toDiagnostics(id.error());
  return engine::RunStatus{id.value(), "QUEUED"};
}

engine::Result<engine::RunStatus> PipelineRunProvider::poll(const std::string& pipelineId, const std::string& updateId) {
  bool wait = false;
  {
    std::lock_guard lock(mutex_);
    wait = polls_[updateId]++ > 0;
  }
  if (wait) sleeper_.sleepFor(interval_);
  auto u = api_->getUpdate(pipelineId, updateId);
  if (!u) return toDiagnostics(u.error());
  return engine::RunStatus{updateId, u->value("state", "")};
}

}  // namespace cc::providers
