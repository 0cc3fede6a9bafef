#pragma once
// The pipeline update state machine: start, advance, stop. Callers hold the state lock.

#include <string>

#include <nlohmann/json.hpp>

namespace cc::emulator {

class WorkspaceState;
struct Pipeline;
struct PipelineUpdate;

/// Starts an update from a `POST .../updates` body; the caller has checked none is active.
/// Consumes the fail-next-update flag.
PipelineUpdate& startUpdate(WorkspaceState& state, Pipeline& pipeline, const nlohmann::json& request);

/// The pipeline's non-terminal update, or null.
PipelineUpdate* activeUpdate(Pipeline& pipeline);

/// Moves the active update on: with --time-scale 0 one state when `poll` is set (a GET of the
/// pipeline or the update), and to the end of its plan when its state is older than
/// --update-wall-timeout-ms of emulated time, polled or not; with --time-scale S every S
/// emulated seconds. Returns true when anything changed (the caller then commits).
bool advance(WorkspaceState& state, Pipeline& pipeline, bool poll);

/// Cancels the active update: → STOPPING → CANCELED. No-op when idle.
bool stopUpdate(WorkspaceState& state, Pipeline& pipeline);

/// IDLE, RUNNING or STOPPING, from the updates.
std::string pipelineState(const Pipeline& pipeline);

/// `latest_updates`: newest first, ISO-string creation_time; empty array when none.
nlohmann::json latestUpdates(const Pipeline& pipeline);

/// An update as the API renders it (UpdateInfo); `withConfig` for GET update (list omits config
/// and mode).
nlohmann::json updateInfo(const Pipeline& pipeline, const PipelineUpdate& update, bool withConfig);

/// A PipelineEvent as the API renders it.
nlohmann::json eventJson(const Pipeline& pipeline, size_t eventIndex);

}  // namespace cc::emulator
