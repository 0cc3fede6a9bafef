// `apply`: plan (or read a saved plan), confirm, then execute under the workspace lock.
// `destroy` shares the same flow with a plan of deletions.
#include "cli/apply_flow.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/plan_renderer.h"
#include "cli/progress_printer.h"
#include "cli/workspace_session.h"
#include "engine/config_layers.h"
#include "engine/executor.h"
#include "engine/ownership.h"
#include "engine/plan_file.h"
#include "engine/planner.h"
#include "providers/workspace_client.h"

namespace cc::cli {
namespace {

std::optional<std::string> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const nlohmann::json* workspaceSection(const engine::Manifest& m) {
  auto it = m.document.find("workspace");
  return it == m.document.end() ? nullptr : &*it;
}

/// The manifest a saved plan was made from, named inside the plan file.
std::optional<std::string> manifestFileOfPlan(const std::string& planText) {
  auto j = nlohmann::json::parse(planText, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  auto plan = j.find("plan");
  if (plan == j.end() || !plan->is_object()) return std::nullopt;
  auto file = plan->find("manifest_file");
  if (file == plan->end() || !file->is_string()) return std::nullopt;
  return file->get<std::string>();
}

int fail(const engine::Diagnostics& diags, DiagnosticPrinter& printer, Console& console) {
  reportDiagnostics(diags, printer, console);
  return toInt(ExitCode::Error);
}

int applyOnce(const GlobalOptions& global, const ApplyRequest& request, Console& console) {
  DiagnosticPrinter printer(console.color);
  std::optional<std::string> planText;
  ManifestOptions manifestOptions = request.manifest;
  if (!request.planFile.empty()) {
    planText = readWholeFile(request.planFile);
    if (!planText) {
      console.err << "error: cannot read the plan file " << request.planFile
                  << "\n  check the path, or run `community-connector plan -o FILE` to make one\n";
      return toInt(ExitCode::Error);
    }
    auto file = manifestFileOfPlan(*planText);
    if (!file) {
      console.err << "error: " << request.planFile << " is not a plan file (not valid JSON or no manifest_file)"
                  << "\n  run `community-connector plan -o FILE` again\n";
      return toInt(ExitCode::Error);
    }
    manifestOptions.file = *file;
  }

  // Its warnings are part of the plan and printed with it, once.
  auto manifest = loadManifestOrReport(manifestOptions, printer, console, ManifestWarnings::InPlan);
  if (!manifest) return toInt(ExitCode::Error);
  std::optional<engine::Plan> savedPlan;
  if (planText) {
    auto parsed = engine::readPlanFile(*planText, *manifest);
    if (!parsed) {
      // The plan file's problems are located at the plan file (the manifest may be fine).
      engine::Diagnostics located;
      for (auto d : parsed.diagnostics().items()) {
        if (!d.range) d.range = engine::SourceRange{request.planFile, 0, 0};
        located.add(std::move(d));
      }
      return fail(located, printer, console);
    }
    savedPlan = std::move(parsed).value();
  }
  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) return fail(bundled.diagnostics(), printer, console);
  auto session = openWorkspaceSession(global, workspaceSection(*manifest), request.parallelism);
  if (!session) return fail(session.diagnostics(), printer, console);
  engine::ProviderRegistry& registry = *session->registry;
  registry.maskInLogs(manifest->sensitiveValues);
  if (savedPlan && engine::hasMaskedValues(*savedPlan)) {
    // The file holds values from sensitive sources masked: the same manifest (its digest
    // matched) gives them back.
    auto model = engine::buildModel(*manifest, savedPlan->context, *bundled);
    if (!model) return fail(model.diagnostics(), printer, console);
    if (auto restored = engine::restoreMaskedValues(*savedPlan, *model); !restored)
      return fail(restored.diagnostics(), printer, console);
  }

  InterruptGuard interrupt;
  engine::PlanSettings planSettings;
  planSettings.prune = request.prune;
  planSettings.adopt = request.adopt;
  planSettings.destroy = request.destroy;
  planSettings.targets = request.targets;
  planSettings.manifestFile = manifestOptions.file;
  auto makeFreshPlan = [&]() { return engine::makePlan(*manifest, *bundled, registry, planSettings); };

  // A manifest with nothing to do is answered without the lock, so a converged apply (the
  // common CI case) writes nothing to the workspace. With changes, the lock is taken and the
  // plan made again under it, so it cannot go stale under us.
  std::optional<engine::Plan> unlocked;
  if (!savedPlan) {
    auto made = makeFreshPlan();
    if (!made) return fail(made.diagnostics(), printer, console);
    if (!made->hasChanges()) {
      if (global.quiet) console.out << summaryLine(made->counts()) << "\n";
      else renderPlan(*made, PlanFormat::Text, console.out, console.color);
      return toInt(ExitCode::Ok);
    }
    unlocked = std::move(made).value();
  }

  std::string root = savedPlan ? savedPlan->toolRoot : unlocked->toolRoot;
  if (root.empty()) {
    auto context = registry.workspace().currentContext();
    if (!context) return fail(context.diagnostics(), printer, console);
    root = engine::toolRoot(context->userName);
  }
  auto lock = engine::acquireApplyLock(registry.workspace(), root, lockSettings(request.lockTimeoutSeconds));
  if (!lock) return fail(lock.diagnostics(), printer, console);
  struct LockRelease {
    engine::Workspace& ws;
    const engine::ApplyLock& lock;
    ~LockRelease() {
      const providers::CancelExemption cleanup;  // released even after a Ctrl-C
      (void)engine::releaseApplyLock(ws, lock);
    }
  } release{registry.workspace(), *lock};

  engine::Plan plan;
  if (savedPlan) {
    auto fresh = engine::checkStale(*savedPlan, registry);
    if (!fresh) return fail(fresh.diagnostics(), printer, console);
    plan = std::move(*savedPlan);
  } else {
    auto made = makeFreshPlan();
    if (!made) return fail(made.diagnostics(), printer, console);
    plan = std::move(made).value();
  }

  if (!global.quiet) renderPlan(plan, PlanFormat::Text, console.out, console.color);
  else if (!plan.hasChanges()) console.out << summaryLine(plan.counts()) << "\n";
  if (!plan.hasChanges()) return toInt(ExitCode::Ok);

  if (!request.autoApprove && !savedPlan) {
    if (!console.interactive) {
      console.err << "error: " << request.verb << " needs confirmation, and this is not a terminal"
                  << "\n  pass --auto-approve (e.g. in CI), or apply a saved plan: plan -o FILE, then apply FILE\n";
      return toInt(ExitCode::Error);
    }
    if (!confirm(console, "Do you want to perform these actions?")) {
      console.err << request.verb << " cancelled: nothing was changed\n";
      return toInt(ExitCode::Error);
    }
  }

  ProgressPrinter progress(console.out, ProgressOptions{console.color, console.interactive, global.quiet, {}});
  engine::ApplySettings settings;
  settings.parallelism = request.parallelism;
  settings.waitTimeoutMs = static_cast<std::int64_t>(request.waitTimeoutSeconds * 1000);
  settings.nowMs = steadyNowMs;
  if (!global.quiet) console.out << "\n";
  engine::ApplySummary summary;
  {
    HeartbeatThread heartbeat(progress, console.interactive && !global.quiet);
    // After a first SIGINT/SIGTERM, actions in flight get a few seconds to end (their requests
    // are abandoned); past that the process leaves with the lock released.
    InterruptDeadline deadline(console, [&] {
      const providers::CancelExemption cleanup;
      (void)engine::releaseApplyLock(registry.workspace(), *lock);
    });
    summary = engine::applyPlan(plan, registry, settings, progress, interrupt.flag());
  }
  progress.printSummary(summary);
  if (summary.cancelled) return interruptedExitCode();
  return summary.ok() ? toInt(ExitCode::Ok) : toInt(ExitCode::Error);
}

}  // namespace

int executeApply(const GlobalOptions& global, const ApplyRequest& request, Console& console) {
  const int code = applyOnce(global, request, console);
  // Whatever failed after a SIGINT/SIGTERM failed because of it (an abandoned read, say).
  if (code != toInt(ExitCode::Ok) && interruptFlag().load()) return interruptedExitCode();
  return code;
}

int runApply(const GlobalOptions& global, const ApplyOptions& options, Console& console) {
  ApplyRequest request;
  request.verb = "apply";
  request.manifest = options.manifest;
  request.planFile = options.planFile;
  request.autoApprove = options.autoApprove;
  request.parallelism = options.parallelism;
  request.prune = options.prune;
  request.adopt = options.adopt;
  request.targets = options.targets;
  request.lockTimeoutSeconds = options.lockTimeoutSeconds;
  request.waitTimeoutSeconds = options.waitTimeoutSeconds;
  return executeApply(global, request, console);
}

}  // namespace cc::cli
