#include "providers/pipeline_run_provider.h"

#include "engine/json_fields.h"
#include "engine/run_state.h"
#include "providers/provider_support.h"

namespace cc::providers {

engine::Result<engine::RunStatus> PipelineRunProvider::start(const std::string& pipelineId, bool fullRefresh) {
  auto id = api_->startUpdate(pipelineId, {{"full_refresh", fullRefresh}});
  if (!id) return toDiagnostics(id.error());
  return engine::RunStatus{id.value(), std::string(engine::runStateName(engine::RunState::Queued)), {}};
}

engine::Result<engine::RunStatus> PipelineRunProvider::poll(const std::string& pipelineId, const std::string& updateId,
                                                            bool withEvents) {
  bool wait = false;
  {
    std::lock_guard lock(mutex_);
    wait = polls_[updateId]++ > 0;
  }
  if (wait) sleeper_.sleepFor(interval_);
  auto u = api_->getUpdate(pipelineId, updateId);
  if (!u) return toDiagnostics(u.error());
  return engine::RunStatus{updateId, engine::stringOf(*u, "state"),
                           withEvents ? newEvents(pipelineId, updateId) : std::vector<engine::RunEvent>{}};
}

// The update's newest events (one page, newest first, as the CLI reads them), minus those
// reported before, in log order. Ids, not timestamps, decide what is new: several events can
// share a millisecond.
std::vector<engine::RunEvent> PipelineRunProvider::newEvents(const std::string& pipelineId, const std::string& updateId) {
  if (updateId.find('\'') != std::string::npos) return {};  // would break out of the filter's quotes
  auto listed = api_->listEvents(pipelineId, "update_id = '" + updateId + "'", 100, 1);
  if (!listed) return {};  // events only decorate the progress; the update's state decides
  std::vector<engine::RunEvent> fresh;
  std::lock_guard lock(mutex_);
  auto& seen = seenEvents_[updateId];
  for (auto it = listed->rbegin(); it != listed->rend(); ++it) {
    const nlohmann::json& e = *it;
    if (!e.is_object()) continue;
    engine::RunEvent event{engine::stringOf(e, "id"), engine::stringOf(e, "timestamp"), engine::stringOf(e, "level"),
                           engine::stringOf(e, "event_type"), engine::stringOf(e, "message")};
    if (event.id.empty() || !seen.insert(event.id).second) continue;
    fresh.push_back(std::move(event));
  }
  return fresh;
}

}  // namespace cc::providers
