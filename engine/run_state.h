#pragma once
// The state of a pipeline update as the Pipelines API reports it, parsed once so that "has it
// ended?" is decided in one place instead of by string comparisons scattered over the code.

#include <array>
#include <string_view>
#include <utility>

namespace cc::engine {

/// An update walks Queued … Running and ends Completed, Failed or Canceled. Unknown stands for
/// any state this tool does not know (a newer API, an empty field); it is not terminal, so a
/// follower keeps polling rather than declaring an outcome it cannot name.
enum class RunState {
  Queued,
  Created,
  WaitingForResources,
  Initializing,
  Resetting,
  SettingUpTables,
  Running,
  Stopping,
  Completed,
  Failed,
  Canceled,
  Unknown,
};

namespace detail {
inline constexpr std::array<std::pair<RunState, std::string_view>, 11> kRunStateNames{{
    {RunState::Queued, "QUEUED"},
    {RunState::Created, "CREATED"},
    {RunState::WaitingForResources, "WAITING_FOR_RESOURCES"},
    {RunState::Initializing, "INITIALIZING"},
    {RunState::Resetting, "RESETTING"},
    {RunState::SettingUpTables, "SETTING_UP_TABLES"},
    {RunState::Running, "RUNNING"},
    {RunState::Stopping, "STOPPING"},
    {RunState::Completed, "COMPLETED"},
    {RunState::Failed, "FAILED"},
    {RunState::Canceled, "CANCELED"},
}};
}  // namespace detail

/// The API's spelling (e.g. "WAITING_FOR_RESOURCES"); "UNKNOWN" for Unknown.
constexpr std::string_view runStateName(RunState state) {
  for (const auto& [value, name] : detail::kRunStateNames)
    if (value == state) return name;
  return "UNKNOWN";
}

/// Exact, case-sensitive match of the API's spelling; anything else is Unknown.
constexpr RunState parseRunState(std::string_view text) {
  for (const auto& [value, name] : detail::kRunStateNames)
    if (name == text) return value;
  return RunState::Unknown;
}

/// The update has ended and will not change again.
constexpr bool isTerminal(RunState state) {
  return state == RunState::Completed || state == RunState::Failed || state == RunState::Canceled;
}

}  // namespace cc::engine
