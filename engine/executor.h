#pragma once
// Apply: walk a plan's DAG with bounded parallelism. An action starts when every action it
// depends on succeeded; a failure skips its dependents (reported once each) and the rest
// continues; cancellation stops new starts and waits for those in flight.
//
//   std::atomic<bool> cancel{false};               // set from the SIGINT handler
//   ApplySettings settings;  settings.parallelism = opts.parallelism;
//   ApplySummary s = applyPlan(*plan, registry, settings, printer, cancel);
//   return s.ok() ? 0 : 1;                           // "N done, N failed, N skipped"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/apply_observer.h"
#include "engine/plan.h"
#include "engine/provider.h"

namespace cc::engine {

struct ApplySettings {
  ApplySettings() = default;
  /// `{4}`: four actions at once, the other settings at their defaults.
  ApplySettings(int parallelismIn) : parallelism(parallelismIn) {}  // NOLINT(google-explicit-constructor)

  int parallelism = 10;  // at most this many actions in flight (values < 1 mean 1)
  /// How long a run with `wait` follows its update before failing (the update goes on);
  /// 0 = no limit. Measured with `nowMs` (the engine has no clock); no clock, no limit.
  std::int64_t waitTimeoutMs = 3600'000;
  std::function<std::int64_t()> nowMs;
};

/// What happened to one mutating action.
struct ActionOutcome {
  ResourceKey key;
  ActionKind action = ActionKind::NoOp;
  OutcomeKind outcome = OutcomeKind::NotStarted;
  std::optional<Diagnostic> error;           // Failed: "<key>: <operation>: <provider message>"
  std::optional<ResourceKey> skippedBecause; // Skipped: the failed (or skipped) dependency
  std::string runUpdateId;                   // Run: the update started
};

/// Totals over mutating actions (NoOp actions are not counted).
struct ApplySummary {
  int done = 0, failed = 0, skipped = 0, notStarted = 0;
  bool cancelled = false;
  std::vector<ActionOutcome> outcomes;  // in plan (key) order
  /// The plan's record changes could not be written: nothing was started.
  Diagnostics recordError;
  bool ok() const { return failed == 0 && skipped == 0 && notStarted == 0 && !cancelled && !recordError.hasErrors(); }
};

/// Applies `plan` exactly: no re-diffing. The deployment's state file (state_store.h) gets the
/// plan's record changes first, then each resource's record entry (and a connection's
/// fingerprints) after its create or update, removed after its delete.
ApplySummary applyPlan(const Plan& plan, ProviderRegistry& registry, const ApplySettings& settings,
                       ApplyObserver& observer, std::atomic<bool>& cancel);

}  // namespace cc::engine
