#pragma once
// Steps shared by plan, apply and destroy: load a manifest and report its diagnostics, ask for
// confirmation, stop cleanly on Ctrl-C, hold the workspace's apply lock.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cli/arguments.h"
#include "cli/console.h"
#include "render/diagnostic_printer.h"
#include "engine/apply_lock.h"
#include "engine/executor.h"
#include "engine/manifest.h"
#include "engine/provider.h"

namespace cc::cli {

/// Where a loaded manifest's warnings are printed: now (validate, force-unlock), or by the
/// plan that carries them (plan, apply, destroy), so that each is printed once.
/// Quiet: not at all (auth describe reads the manifest for its workspace only).
enum class ManifestWarnings { PrintNow, InPlan, Quiet };

/// Loads and validates the manifest; on failure prints every diagnostic and returns nothing.
/// Warnings are printed now unless a plan will print them. No request is ever sent for an
/// invalid manifest.
std::optional<engine::Manifest> loadManifestOrReport(const ManifestOptions& options, render::DiagnosticPrinter& printer,
                                                     Console& console,
                                                     ManifestWarnings warnings = ManifestWarnings::PrintNow);

/// Prints errors (and warnings) to stderr with the "error:" prefix and a fix line.
void reportDiagnostics(const engine::Diagnostics& diags, render::DiagnosticPrinter& printer, Console& console);

/// Prints "error: WHAT" and the indented FIX line; returns the error exit code.
int failWith(Console& console, const std::string& what, const std::string& fix);

/// Asks "question (only 'yes' is accepted)" on a terminal. Returns true for "yes".
bool confirm(Console& console, const std::string& question);

/// While alive, SIGINT/SIGTERM set `requested()` instead of killing the process, so apply stops
/// starting actions and waits for those in flight. A second Ctrl-C kills as usual.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  std::atomic<bool>& flag();
};

/// Set by the first SIGINT/SIGTERM while an InterruptGuard lives; read by the HTTP client
/// (calls stop retrying and abandon their answers) and the executor (no new action starts).
std::atomic<bool>& interruptFlag();

/// 130 after SIGINT, 143 after SIGTERM (128 + the signal, as shells report it).
int interruptedExitCode();

/// Milliseconds of a steady clock, for the executor's --wait-timeout.
std::int64_t steadyNowMs();
/// Milliseconds since the epoch (the clock lock files record).
std::int64_t wallNowMs();

/// One action at a time, runs followed for at most the default --wait-timeout: the original
/// tool's commands.
engine::ApplySettings sequentialApplySettings();

/// While alive: once interrupted, gives the work in flight `graceSeconds` to end; past that
/// it says so, runs `onGiveUp` (releases the lock) and ends the process with
/// interruptedExitCode(), so that one Ctrl-C never waits minutes on a server.
class InterruptDeadline {
 public:
  InterruptDeadline(Console& console, std::function<void()> onGiveUp, int graceSeconds = 5);
  ~InterruptDeadline();
  InterruptDeadline(const InterruptDeadline&) = delete;
  InterruptDeadline& operator=(const InterruptDeadline&) = delete;

 private:
  void watch(Console& console, const std::function<void()>& onGiveUp, int graceSeconds);
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

/// The lock settings of this process: holder "IDENTITY (user@host pid N)" (the workspace
/// identity applying), real clock, --lock-timeout.
engine::LockSettings lockSettings(double timeoutSeconds, const std::string& identity = {});

}  // namespace cc::cli
