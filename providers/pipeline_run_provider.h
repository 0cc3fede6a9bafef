#pragma once
// Pipeline runs: start an update and follow it, pacing polls through the Sleeper.

#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "engine/provider.h"
#include "providers/workspace_api.h"

namespace cc::providers {

/// engine::PipelineRunner over HTTPS. The first poll of an update is immediate; later ones wait
/// `interval` first (the Databricks CLI polls once per second).
class PipelineRunProvider final : public engine::PipelineRunner {
 public:
  PipelineRunProvider(std::shared_ptr<WorkspaceApi> api, Sleeper& sleeper, Millis interval = Millis(1000))
      : api_(std::move(api)), sleeper_(sleeper), interval_(interval) {}

  engine::Result<engine::RunStatus> start(const std::string& pipelineId, bool fullRefresh) override;
  engine::Result<engine::RunStatus> poll(const std::string& pipelineId, const std::string& updateId,
                                         bool withEvents) override;

 private:
  std::vector<engine::RunEvent> newEvents(const std::string& pipelineId, const std::string& updateId);

  std::shared_ptr<WorkspaceApi> api_;
  Sleeper& sleeper_;
  Millis interval_;
  std::mutex mutex_;
  std::map<std::string, int> polls_;  // update id → polls so far
  std::map<std::string, std::set<std::string>> seenEvents_;  // update id → event ids reported
};

}  // namespace cc::providers
