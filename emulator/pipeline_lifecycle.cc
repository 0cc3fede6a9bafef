#include "emulator/pipeline_lifecycle.h"

#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

bool isTerminal(const std::string& state) {
  return state == "COMPLETED" || state == "FAILED" || state == "CANCELED";
}

const std::string& current(const PipelineUpdate& update) { return update.plan.at(update.index); }

void addEvent(WorkspaceState& state, Pipeline& pipeline, const PipelineUpdate& update, int64_t atMs,
              const std::string& level, const std::string& type, const std::string& message,
              nlohmann::json details) {
  PipelineEvent event;
  event.id = state.newUuid();
  event.timestampMs = atMs;
  event.level = level;
  event.eventType = type;
  event.message = message;
  event.updateId = update.updateId;
  event.details = std::move(details);
  event.sequence = state.data().nextEventSequence++;
  pipeline.events.push_back(std::move(event));
}

void enterState(WorkspaceState& state, Pipeline& pipeline, PipelineUpdate& update, int64_t atMs) {
  const std::string& name = current(update);
  nlohmann::json details = {{"update_progress", {{"state", name}}}};
  const bool failed = name == "FAILED";
  if (failed) {
    details["__error"] = {{"fatal", true},
                          {"exceptions", {{{"class_name", "EmulatedFailure"},
                                           {"message", "the update failed as requested "
                                                       "(POST /__emulator/fail-next-update)"}}}}};
  }
  addEvent(state, pipeline, update, atMs, failed ? "ERROR" : "INFO", "update_progress",
           "Update " + update.updateId.substr(0, 6) + " is " + name + ".", details);
}

int64_t stepMs(const WorkspaceState& state) {
  return static_cast<int64_t>(state.options().timeScale * 1000.0);
}

}  // namespace

PipelineUpdate* activeUpdate(Pipeline& pipeline) {
  if (pipeline.updates.empty() || isTerminal(current(pipeline.updates.back()))) return nullptr;
  return &pipeline.updates.back();
}

PipelineUpdate& startUpdate(WorkspaceState& state, Pipeline& pipeline, const nlohmann::json& request) {
  PipelineUpdate update;
  update.updateId = state.newUuid();
  update.creationTime = state.nowMs();
  update.advancedMs = update.creationTime;
  update.request = request;
  if (!update.request.contains("cause")) update.request["cause"] = "API_CALL";
  update.config = pipeline.spec;
  const bool fullRefresh = request.value("full_refresh", false) ||
                            !request.value("full_refresh_selection", nlohmann::json::array()).empty();
  const bool validateOnly = request.value("validate_only", false);
  update.plan = {"QUEUED", "CREATED", "WAITING_FOR_RESOURCES", "INITIALIZING"};
  if (fullRefresh) update.plan.push_back("RESETTING");
  update.plan.push_back("SETTING_UP_TABLES");
  if (!validateOnly) update.plan.push_back("RUNNING");
  const bool continuous = pipeline.spec.value("continuous", false) && !validateOnly;
  if (state.data().failNextUpdate) {
    update.plan.push_back("FAILED");
    state.data().failNextUpdate = false;
  } else if (!continuous) {
    update.plan.push_back("COMPLETED");  // a continuous pipeline keeps RUNNING until stopped
  }
  pipeline.updates.push_back(update);
  PipelineUpdate& stored = pipeline.updates.back();
  addEvent(state, pipeline, stored, stored.creationTime, "INFO", "create_update",
           "Update " + stored.updateId.substr(0, 6) + " started by " +
               stored.request["cause"].get<std::string>() + ".",
           nlohmann::json::object());
  enterState(state, pipeline, stored, stored.creationTime);
  return stored;
}

bool advance(WorkspaceState& state, Pipeline& pipeline, bool poll) {
  PipelineUpdate* update = activeUpdate(pipeline);
  if (update == nullptr) return false;
  const int64_t step = stepMs(state);
  bool changed = false;
  if (step <= 0) {
    // One state per poll keeps a quick poller's view deterministic; an update nobody polled for
    // --update-wall-timeout-ms has run to its end by now, as a real one would have.
    const int64_t now = state.nowMs();
    const int64_t timeout = state.options().updateWallTimeoutMs;
    const bool overdue = timeout > 0 && now - update->advancedMs >= timeout;
    while ((poll || overdue) && update->index + 1 < update->plan.size()) {
      ++update->index;
      update->advancedMs = now;
      enterState(state, pipeline, *update, now);
      changed = true;
      if (!overdue) break;
    }
    return changed;
  }
  const int64_t now = state.nowMs();
  while (update->index + 1 < update->plan.size() && now - update->advancedMs >= step) {
    ++update->index;
    update->advancedMs += step;
    enterState(state, pipeline, *update, update->advancedMs);
    changed = true;
  }
  return changed;
}

bool stopUpdate(WorkspaceState& state, Pipeline& pipeline) {
  PipelineUpdate* update = activeUpdate(pipeline);
  if (update == nullptr || current(*update) == "STOPPING") return false;
  update->plan.resize(update->index + 1);
  update->plan.push_back("STOPPING");
  update->plan.push_back("CANCELED");
  ++update->index;
  update->advancedMs = state.nowMs();
  enterState(state, pipeline, *update, update->advancedMs);
  return true;
}

std::string pipelineState(const Pipeline& pipeline) {
  if (pipeline.updates.empty()) return "IDLE";
  const std::string& state = current(pipeline.updates.back());
  if (isTerminal(state)) return "IDLE";
  return state == "STOPPING" ? "STOPPING" : "RUNNING";
}

nlohmann::json latestUpdates(const Pipeline& pipeline) {
  nlohmann::json items = nlohmann::json::array();
  for (auto it = pipeline.updates.rbegin(); it != pipeline.updates.rend() && items.size() < 5; ++it) {
    items.push_back({{"update_id", it->updateId}, {"state", current(*it)},
                     {"creation_time", isoTimestamp(it->creationTime)}});
  }
  return items;
}

nlohmann::json updateInfo(const Pipeline& pipeline, const PipelineUpdate& update, bool withConfig) {
  nlohmann::json info = {{"update_id", update.updateId},
                         {"pipeline_id", pipeline.id},
                         {"state", current(update)},
                         {"cause", update.request.value("cause", "API_CALL")},
                         {"creation_time", update.creationTime},
                         {"full_refresh", update.request.value("full_refresh", false)},
                         {"validate_only", update.request.value("validate_only", false)}};
  for (const char* field : {"refresh_selection", "full_refresh_selection", "refresh_flow_selection", "parameters"}) {
    if (update.request.contains(field) && !update.request[field].empty()) info[field] = update.request[field];
  }
  if (withConfig) {
    info["config"] = update.config;
    info["mode"] = update.config.value("continuous", false) ? "CONTINUOUS" : "DEFAULT";
  }
  return info;
}

nlohmann::json eventJson(const Pipeline& pipeline, size_t eventIndex) {
  const PipelineEvent& event = pipeline.events.at(eventIndex);
  nlohmann::json details = event.details;
  nlohmann::json out = {{"id", event.id},
                        {"timestamp", isoTimestamp(event.timestampMs)},
                        {"level", event.level},
                        {"event_type", event.eventType},
                        {"message", event.message},
                        {"maturity_level", "STABLE"},
                        {"sequence", {{"control_plane_seq_no", event.sequence}}},
                        {"origin", {{"pipeline_id", pipeline.id},
                                    {"pipeline_name", pipeline.spec.value("name", "")},
                                    {"update_id", event.updateId}}}};
  if (details.contains("__error")) {
    out["error"] = details["__error"];
    details.erase("__error");
  }
  if (!details.empty()) out["details"] = details;
  return out;
}

}  // namespace cc::emulator
