// `apply`: plan (or read a saved plan), confirm, then execute under the workspace lock.
// `destroy` shares the same flow with a plan of deletions.
#include "cli/original/generation.h"
#include "cli/apply_flow.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/connection_authorization.h"
#include "cli/exit_code.h"
#include "cli/held_lock.h"
#include "cli/mass_delete_guard.h"
#include "cli/package_artifacts.h"
#include "render/plan_renderer.h"
#include "render/progress_printer.h"
#include "render/result_json.h"
#include "cli/workspace_session.h"
#include "engine/config_layers.h"
#include "engine/executor.h"
#include "engine/ownership.h"
#include "engine/plan_file.h"
#include "engine/planner.h"
#include "providers/workspace_client.h"

namespace cc::cli {
namespace {

/// With --format json: the result object to print on stdout, once the run has one.
using JsonResult = std::optional<nlohmann::json>;

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

int fail(const engine::Diagnostics& diags, render::DiagnosticPrinter& printer, Console& console) {
  reportDiagnostics(diags, printer, console);
  return toInt(ExitCode::Error);
}

/// The environment a saved plan was made for.
std::optional<std::string> environmentOfPlan(const std::string& planText) {
  auto j = nlohmann::json::parse(planText, nullptr, false);
  const auto pointer = nlohmann::json::json_pointer("/plan/deployment/environment");
  if (j.is_discarded() || !j.contains(pointer) || !j[pointer].is_string()) return std::nullopt;
  return j[pointer].get<std::string>();
}

// `apply PLANFILE`: the plan fixes what to do, so the flags that choose it are refused (as
// Terraform does); the manifest is the plan's own unless -f names where it moved, and the
// environment is the plan's. --var stays: the file does not store variable values (they may be
// secrets), so the plan's --var values are given again, and the manifest digest checks them.
std::optional<int> savedPlanInputs(const ApplyRequest& request, Console& console, std::string& planText,
                                   ManifestOptions& manifestOptions) {
  for (const auto& [given, flag] : {std::pair{request.prune, "--prune"}, std::pair{request.adopt, "--adopt"},
                                    std::pair{!request.targets.empty(), "--target"}}) {
    if (given)
      return failWith(console, std::string(flag) + " cannot be given to `apply PLANFILE`: the saved plan fixes it",
                      "pass it to `plan -o FILE` instead, then apply that plan");
  }
  auto text = readWholeFile(request.planFile);
  if (!text) return failWith(console, "cannot read the plan file " + request.planFile,
                             "check the path, or run `community-connector plan -o FILE` to make one");
  auto file = manifestFileOfPlan(*text);
  if (!file) return failWith(console, request.planFile + " is not a plan file (not valid JSON or no manifest_file)",
                             "run `community-connector plan -o FILE` again");
  planText = std::move(*text);
  if (manifestOptions.file == "connectors.yaml") manifestOptions.file = *file;  // -f: the manifest moved
  const std::string environment = environmentOfPlan(planText).value_or("");
  if (!manifestOptions.environment.empty() && manifestOptions.environment != environment)
    return failWith(console, "the plan was made for environment " + environment + ", not " + manifestOptions.environment,
                    "leave out -e, or make a plan for that environment");
  manifestOptions.environment = environment;
  return std::nullopt;
}

std::optional<engine::Plan> readSavedPlan(const std::string& planText, const ApplyRequest& request,
                                          const engine::Manifest& manifest, render::DiagnosticPrinter& printer,
                                          Console& console) {
  auto parsed = engine::readPlanFile(planText, manifest);
  if (!parsed) {
    // The plan file's problems are located at the plan file (the manifest may be fine).
    engine::Diagnostics located;
    for (auto d : parsed.diagnostics().items()) {
      if (!d.range) d.range = engine::SourceRange{request.planFile, 0, 0};
      located.add(std::move(d));
    }
    fail(located, printer, console);
    return std::nullopt;
  }
  if (parsed->deployment.id() != manifest.deployment.id()) {
    failWith(console, "the plan was made for deployment " + parsed->deployment.id() + ", the manifest is deployment " +
                          manifest.deployment.id(), "run `community-connector plan -o FILE` again");
    return std::nullopt;
  }
  return std::move(parsed).value();
}

// Refills the values a plan file holds masked from the same manifest (its digest matched).
bool restoreSaved(engine::Plan& saved, const engine::Manifest& manifest, const engine::BundledData& bundled,
                  const engine::ModelOptions& options, render::DiagnosticPrinter& printer, Console& console) {
  if (!engine::hasMaskedValues(saved)) return true;
  engine::WorkspaceContext modelled = saved.context;
  modelled.userName = saved.deploymentUser;
  auto model = engine::buildModel(manifest, modelled, bundled, options);
  if (!model) return fail(model.diagnostics(), printer, console), false;
  if (auto restored = engine::restoreMaskedValues(saved, *model); !restored)
    return fail(restored.diagnostics(), printer, console), false;
  return true;
}

// A saved plan applies where it was made: the same workspace and identity's view of it.
std::optional<int> checkSavedPlanPlace(const engine::Plan& saved, engine::ProviderRegistry& registry, Console& console) {
  auto context = registry.workspace().currentContext();
  if (!context) return std::nullopt;  // the stale check that follows reports the failure
  if (!saved.context.host.empty() && !context->host.empty() && saved.context.host != context->host)
    return failWith(console, "the plan was made for workspace " + saved.context.host + ", this is " + context->host,
                    "apply it against the workspace it was made for, or make a new plan here");
  return std::nullopt;
}

bool confirmApply(const ApplyRequest& request, const engine::Plan& plan, bool saved, Console& console) {
  if (request.autoApprove || saved) return true;
  if (!console.interactive) {
    console.err << "error: " << request.verb << " needs confirmation, and this is not a terminal"
                << "\n  pass --auto-approve (e.g. in CI), or apply a saved plan: plan -o FILE, then apply FILE\n";
    return false;
  }
  const bool mass = isMassDelete(plan);
  if (!confirm(console, mass ? "This deletes most of the deployment. Do you really want to perform these actions?"
                             : "Do you want to perform these actions?")) {
    console.err << request.verb << " cancelled: nothing was changed\n";
    return false;
  }
  return true;
}

int execute(const GlobalOptions& global, const ApplyRequest& request, const engine::Plan& plan,
            engine::ProviderRegistry& registry, HeldLock& lock, InterruptGuard& interrupt, render::DiagnosticPrinter& printer,
            Console& console, JsonResult* json) {
  render::ProgressPrinter progress(console.out, render::ProgressOptions{console.color, console.interactive, global.quiet, {}});
  engine::ApplySettings settings;
  settings.parallelism = request.parallelism;
  settings.waitTimeoutMs = static_cast<std::int64_t>(request.waitTimeoutSeconds * 1000);
  settings.nowMs = steadyNowMs;
  if (!global.quiet) console.out << "\n";
  engine::ApplySummary summary;
  {
    render::HeartbeatThread heartbeat(progress, console.interactive && !global.quiet);
    // After a first SIGINT/SIGTERM, actions in flight get a few seconds to end (their requests
    // are abandoned); past that the process leaves with the lock released.
    InterruptDeadline deadline(console, [&] { lock.release(); });
    summary = engine::applyPlan(plan, registry, settings, progress, interrupt.flag());
  }
  if (summary.recordError.hasErrors()) return fail(summary.recordError, printer, console);
  if (json != nullptr) *json = render::applyResultJson(request.verb, plan, &summary);
  progress.printSummary(summary);
  if (summary.cancelled) return interruptedExitCode();
  return summary.ok() ? toInt(ExitCode::Ok) : toInt(ExitCode::Error);
}

// Nothing to change, but the deployment's record lacks resources it owns (an apply killed
// between a create and its record write, a lost record): write them, nothing else.
int recordOnly(const engine::Plan& plan, engine::ProviderRegistry& registry, render::DiagnosticPrinter& printer,
               Console& console) {
  if (plan.recordChanges.empty()) return toInt(ExitCode::Ok);
  std::atomic<bool> cancel{false};
  engine::NullApplyObserver quiet;
  engine::ApplySummary summary = engine::applyPlan(plan, registry, engine::ApplySettings{}, quiet, cancel);
  if (summary.recordError.hasErrors()) return fail(summary.recordError, printer, console);
  return toInt(ExitCode::Ok);
}

int applyOnce(const GlobalOptions& global, const ApplyRequest& request, Console& console, JsonResult* json) {
  render::DiagnosticPrinter printer(console.color);
  std::string planText;
  ManifestOptions manifestOptions = request.manifest;
  const bool saved = !request.planFile.empty();
  if (saved)
    if (auto failed = savedPlanInputs(request, console, planText, manifestOptions)) return *failed;
  // Its warnings are part of the plan and printed with it, once.
  auto manifest = loadManifestOrReport(manifestOptions, printer, console, ManifestWarnings::InPlan);
  if (!manifest) return toInt(ExitCode::Error);
  std::optional<engine::Plan> savedPlan;
  if (saved && !(savedPlan = readSavedPlan(planText, request, *manifest, printer, console)))
    return toInt(ExitCode::Error);
  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) return fail(bundled.diagnostics(), printer, console);
  auto session = openWorkspaceSession(global, workspaceSection(*manifest), request.parallelism);
  if (!session) return fail(session.diagnostics(), printer, console);
  engine::ProviderRegistry& registry = *session->registry;
  registry.maskInLogs(manifest->sensitiveValues);
  engine::PlanSettings planSettings;
  auto generation = originalGeneration();
  if (!generation) return fail(generation.diagnostics(), printer, console);
  // destroy deletes what the deployment owns: no layout to read for it.
  if (!request.destroy) applyGenerationToModel(*generation, planSettings.model, registry);
  // destroy needs only the package files' names: a wheel deleted locally must not block it.
  planSettings.model.packageArtifact = packageArtifacts(
      *manifest, manifestOptions.file, request.destroy ? PackageReading::NameOnly : PackageReading::Content);
  if (savedPlan && !restoreSaved(*savedPlan, *manifest, *bundled, planSettings.model, printer, console))
    return toInt(ExitCode::Error);
  if (savedPlan)
    if (auto failed = checkSavedPlanPlace(*savedPlan, registry, console)) return *failed;
  if (savedPlan)
    if (auto refused = checkGrants(*savedPlan, request, console)) return *refused;

  InterruptGuard interrupt;
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
    // Refused before the lock is taken: nothing that changes the workspace is sent.
    if (auto refused = checkGrants(*made, request, console)) return *refused;
    if (!made->hasChanges() && made->recordChanges.empty()) {
      if (json != nullptr) *json = render::applyResultJson(request.verb, *made, nullptr);
      if (global.quiet) console.out << render::summaryLine(made->counts()) << "\n";
      else render::renderPlan(*made, render::PlanFormat::Text, console.out, console.color);
      return toInt(ExitCode::Ok);
    }
    unlocked = std::move(made).value();
  }
  const engine::Plan& first = savedPlan ? *savedPlan : *unlocked;
  auto lock = engine::acquireApplyLock(registry.workspace(), first.deployment.lockFile(),
                                       lockSettings(request.lockTimeoutSeconds, first.context.userName));
  if (!lock) return fail(lock.diagnostics(), printer, console);
  HeldLock held(registry.workspace(), std::move(lock).value());
  held.startHeartbeat(60'000);

  engine::Plan plan;
  if (savedPlan) {
    auto fresh = engine::checkStale(*savedPlan, registry);
    if (!fresh) return fail(fresh.diagnostics(), printer, console);
    plan = std::move(*savedPlan);
  } else {
    auto made = makeFreshPlan();
    if (!made) return fail(made.diagnostics(), printer, console);
    plan = std::move(made).value();
    if (auto refused = checkGrants(plan, request, console)) return *refused;
  }

  if (!global.quiet) render::renderPlan(plan, render::PlanFormat::Text, console.out, console.color);
  else if (!plan.hasChanges()) console.out << render::summaryLine(plan.counts()) << "\n";
  if (!plan.hasChanges()) {
    if (json != nullptr) *json = render::applyResultJson(request.verb, plan, nullptr);
    return recordOnly(plan, registry, printer, console);
  }
  printMassDeleteWarning(plan, console.err, console.color);
  const bool willAsk = !request.autoApprove && !saved && console.interactive;
  if (auto refused = massDeleteRefusal(plan, request.massDelete, willAsk)) {
    console.err << "error: " << *refused << "\n";
    return toInt(ExitCode::Error);
  }
  if (!confirmApply(request, plan, saved, console)) return toInt(ExitCode::Error);
  if (auto failed = authorizeConnections(plan, request, console)) return *failed;
  return execute(global, request, plan, registry, held, interrupt, printer, console, json);
}

}  // namespace

int executeApply(const GlobalOptions& global, const ApplyRequest& request, Console& console) {
  // With --format json the plan, prompts and progress go to stderr, the result alone to stdout.
  const bool wantsJson = request.format == "json";
  Console human{wantsJson ? console.err : console.out, console.err, console.color && !wantsJson, console.interactive};
  JsonResult json;
  int code = applyOnce(global, request, human, wantsJson ? &json : nullptr);
  // Whatever failed after a SIGINT/SIGTERM failed because of it (an abandoned read, say).
  if (code != toInt(ExitCode::Ok) && interruptFlag().load()) code = interruptedExitCode();
  if (json) render::printJson(*json, console.out);
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
  request.massDelete = options.massDelete;
  request.waitTimeoutSeconds = options.waitTimeoutSeconds;
  request.format = options.format;
  request.authorize = options.authorize;
  return executeApply(global, request, console);
}

}  // namespace cc::cli
