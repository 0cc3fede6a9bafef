#pragma once
// Apply progress for terminals and CI logs: one line per event, then the final summary.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

#include "engine/apply_observer.h"
#include "engine/executor.h"

namespace cc::render {

/// How progress is shown. `terminal`: a person is watching (a TTY): finished lines add the
/// elapsed time ("done in 3s"). Otherwise (CI logs, --no-color, NO_COLOR) lines are plain and
/// stable, byte for byte the same on every run. `quiet`: only failures, skips and the summary.
struct ProgressOptions {
  bool color = false;
  bool terminal = false;
  bool quiet = false;
  /// Seconds since an arbitrary epoch; default: std::chrono::steady_clock. Tests inject one.
  std::function<double()> now;
};

/// Prints executor events as they arrive ("+ connection gh: creating…", "… done"); lines from
/// parallel actions never interleave. No cursor movement, so CI logs stay readable.
class ProgressPrinter : public engine::ApplyObserver {
 public:
  ProgressPrinter(std::ostream& out, bool color) : ProgressPrinter(out, ProgressOptions{color, false, false, {}}) {}
  ProgressPrinter(std::ostream& out, ProgressOptions options);
  void actionStarted(const engine::ResourceKey& key, engine::ActionKind action) override;
  void actionFinished(const engine::ResourceKey& key, engine::ActionKind action, engine::OutcomeKind outcome,
                      const engine::Diagnostic* error) override;
  void actionSkipped(const engine::ResourceKey& key, engine::ActionKind action, const engine::ResourceKey& because) override;
  void runStateChanged(const engine::ResourceKey& key, const std::string& updateId, const std::string& state) override;
  bool wantsRunEvents() const override { return true; }
  /// "    INFO update_progress: Update 1a2b is RUNNING"; with --quiet only ERROR events.
  void runEvent(const engine::ResourceKey& key, const std::string& updateId, const engine::RunEvent& event) override;

  /// On a terminal, one "still creating… 10s" line per action running for another 10 seconds
  /// (a HeartbeatThread calls this every second). Nothing in plain or quiet mode: CI logs stay
  /// the same from run to run.
  void heartbeat();

  /// "Apply complete: 5 done, 0 failed, 0 skipped" (or "Apply failed: …", "Apply interrupted: …").
  void printSummary(const engine::ApplySummary& summary);

 private:
  struct Running {
    engine::ActionKind action;
    double since;
    long reported = 0;  // whole 10-second periods already announced
  };
  std::string elapsed(const engine::ResourceKey& key);

  std::ostream& out_;
  bool color_;
  ProgressOptions options_;
  std::map<engine::ResourceKey, Running> started_;
  std::mutex mutex_;
};

/// Calls ProgressPrinter::heartbeat() once a second while alive (terminal mode only).
class HeartbeatThread {
 public:
  HeartbeatThread(ProgressPrinter& printer, bool enabled);
  ~HeartbeatThread();
  HeartbeatThread(const HeartbeatThread&) = delete;
  HeartbeatThread& operator=(const HeartbeatThread&) = delete;

 private:
  ProgressPrinter& printer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace cc::render
