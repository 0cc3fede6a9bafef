#pragma once
// Apply progress for terminals and CI logs: one line per event, then the final summary.

#include <mutex>
#include <ostream>

#include "engine/apply_observer.h"
#include "engine/executor.h"

namespace cc::cli {

/// Prints executor events as they arrive ("+ connection gh: creating…", "… done"); lines from
/// parallel actions never interleave. No cursor movement, so CI logs stay readable.
class ProgressPrinter : public engine::ApplyObserver {
 public:
  ProgressPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void actionStarted(const engine::ResourceKey& key, engine::ActionKind action) override;
  void actionFinished(const engine::ResourceKey& key, engine::ActionKind action, engine::OutcomeKind outcome,
                      const engine::Diagnostic* error) override;
  void actionSkipped(const engine::ResourceKey& key, engine::ActionKind action, const engine::ResourceKey& because) override;
  void runStateChanged(const engine::ResourceKey& key, const std::string& updateId, const std::string& state) override;

  /// "Apply complete: 5 done, 0 failed, 0 skipped" (or "Apply failed: …", "Apply interrupted: …").
  void printSummary(const engine::ApplySummary& summary);

 private:
  std::ostream& out_;
  bool color_;
  std::mutex mutex_;
};

}  // namespace cc::cli
