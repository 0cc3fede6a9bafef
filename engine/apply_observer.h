#pragma once
// Progress events leave the executor through this hook; render/progress_printer renders them.

#include <string>

#include "engine/action_kind.h"
#include "engine/diagnostic.h"
#include "engine/provider.h"
#include "engine/resource.h"

namespace cc::engine {

/// Final state of one planned action after apply.
enum class OutcomeKind { Done, Failed, Skipped, NotStarted };

/// Receives progress from executor threads. Calls may come from several threads at once:
/// implementations must synchronise their own output.
class ApplyObserver {
 public:
  virtual ~ApplyObserver() = default;
  virtual void actionStarted(const ResourceKey& key, ActionKind action) = 0;
  /// `outcome` is Done or Failed; `error` set only for Failed (key and operation included).
  virtual void actionFinished(const ResourceKey& key, ActionKind action, OutcomeKind outcome,
                              const Diagnostic* error) = 0;
  /// Reported once per skipped action, naming the failed dependency that caused it.
  virtual void actionSkipped(const ResourceKey& key, ActionKind action, const ResourceKey& because) = 0;
  /// A pipeline run moved to `state` (only with `run.wait`).
  virtual void runStateChanged(const ResourceKey& key, const std::string& updateId, const std::string& state) = 0;
  /// True when runEvent shows events: only then are they read from the workspace.
  virtual bool wantsRunEvents() const { return false; }
  /// An event of a followed update, in the order the pipeline logged them (only with `run.wait`).
  virtual void runEvent(const ResourceKey&, const std::string& /*updateId*/, const RunEvent&) {}
};

/// An observer that ignores everything (tests, benchmarks).
class NullApplyObserver : public ApplyObserver {
 public:
  void actionStarted(const ResourceKey&, ActionKind) override {}
  void actionFinished(const ResourceKey&, ActionKind, OutcomeKind, const Diagnostic*) override {}
  void actionSkipped(const ResourceKey&, ActionKind, const ResourceKey&) override {}
  void runStateChanged(const ResourceKey&, const std::string&, const std::string&) override {}
};

}  // namespace cc::engine
