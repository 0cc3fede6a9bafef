#include "engine/run_state.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/provider.h"

namespace cc::engine {
namespace {

constexpr RunState kKnownRunStates[] = {
    RunState::Queued, RunState::Created, RunState::WaitingForResources, RunState::Initializing,
    RunState::Resetting, RunState::SettingUpTables, RunState::Running, RunState::Stopping,
    RunState::Completed, RunState::Failed, RunState::Canceled};

TEST(RunState, NamesAreTheApiSpelling) {
  EXPECT_EQ(runStateName(RunState::Queued), "QUEUED");
  EXPECT_EQ(runStateName(RunState::WaitingForResources), "WAITING_FOR_RESOURCES");
  EXPECT_EQ(runStateName(RunState::SettingUpTables), "SETTING_UP_TABLES");
  EXPECT_EQ(runStateName(RunState::Canceled), "CANCELED");
  EXPECT_EQ(runStateName(RunState::Unknown), "UNKNOWN");
}

TEST(RunState, ParseInvertsName) {
  for (RunState state : kKnownRunStates) EXPECT_EQ(parseRunState(runStateName(state)), state) << runStateName(state);
}

TEST(RunState, AnythingElseIsUnknown) {
  EXPECT_EQ(parseRunState(""), RunState::Unknown);
  EXPECT_EQ(parseRunState("completed"), RunState::Unknown);  // the API spells states in upper case
  EXPECT_EQ(parseRunState("CANCELLED"), RunState::Unknown);
  EXPECT_EQ(parseRunState("SOME_FUTURE_STATE"), RunState::Unknown);
}

TEST(RunState, OnlyCompletedFailedAndCanceledAreTerminal) {
  for (RunState state : kKnownRunStates) {
    const bool ended = state == RunState::Completed || state == RunState::Failed || state == RunState::Canceled;
    EXPECT_EQ(isTerminal(state), ended) << runStateName(state);
  }
  EXPECT_FALSE(isTerminal(RunState::Unknown));  // an unknown state keeps a follower polling
}

TEST(RunState, RunStatusTerminalReadsTheState) {
  EXPECT_TRUE((RunStatus{"u", "FAILED", {}}.terminal()));
  EXPECT_FALSE((RunStatus{"u", "RUNNING", {}}.terminal()));
  EXPECT_FALSE((RunStatus{"u", "", {}}.terminal()));
}

}  // namespace
}  // namespace cc::engine
