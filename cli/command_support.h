#pragma once
// Steps shared by plan, apply and destroy: load a manifest and report its diagnostics, ask for
// confirmation, stop cleanly on Ctrl-C, hold the workspace's apply lock.

#include <atomic>
#include <optional>
#include <string>

#include "cli/arguments.h"
#include "cli/console.h"
#include "cli/diagnostic_printer.h"
#include "engine/apply_lock.h"
#include "engine/manifest.h"
#include "engine/provider.h"

namespace cc::cli {

/// Where a loaded manifest's warnings are printed: now (validate, force-unlock), or by the
/// plan that carries them (plan, apply, destroy), so that each is printed once.
enum class ManifestWarnings { PrintNow, InPlan };

/// Loads and validates the manifest; on failure prints every diagnostic and returns nothing.
/// Warnings are printed now unless a plan will print them. No request is ever sent for an
/// invalid manifest.
std::optional<engine::Manifest> loadManifestOrReport(const ManifestOptions& options, DiagnosticPrinter& printer,
                                                     Console& console,
                                                     ManifestWarnings warnings = ManifestWarnings::PrintNow);

/// Prints errors (and warnings) to stderr with the "error:" prefix and a fix line.
void reportDiagnostics(const engine::Diagnostics& diags, DiagnosticPrinter& printer, Console& console);

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

/// The lock settings of this process: holder "user@host pid N", real clock, --lock-timeout.
engine::LockSettings lockSettings(double timeoutSeconds);

}  // namespace cc::cli
