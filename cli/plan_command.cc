// `plan`: compare a manifest with the workspace, show the actions, optionally save them.
#include <fstream>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/exit_without_free.h"
#include "cli/plan_renderer.h"
#include "cli/workspace_session.h"
#include "engine/config_layers.h"
#include "engine/plan_file.h"
#include "engine/planner.h"

namespace cc::cli {
namespace {

bool writeTextFile(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << text;
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int runPlan(const GlobalOptions& global, const PlanOptions& options, Console& console) {
  DiagnosticPrinter printer(console.color);
  PlanFormat format = PlanFormat::Text;
  parsePlanFormat(options.format, format);

  auto manifest = loadManifestOrReport(options.manifest, printer, console);
  if (!manifest) return toInt(ExitCode::Error);
  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) {
    reportDiagnostics(bundled.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  auto session = openWorkspaceSession(global, manifest->document.contains("workspace")
                                                  ? &manifest->document["workspace"]
                                                  : nullptr,
                                      options.parallelism);
  if (!session) {
    reportDiagnostics(session.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }

  engine::PlanSettings settings;
  settings.prune = options.prune;
  settings.adopt = options.adopt;
  settings.targets = options.targets;
  settings.manifestFile = options.manifest.file;
  auto plan = engine::makePlan(*manifest, *bundled, *session->registry, settings);
  if (!plan) {
    reportDiagnostics(plan.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  reportDiagnostics(plan->warnings, printer, console);
  renderPlan(*plan, format, console.out, console.color);

  if (!options.outFile.empty()) {
    if (!writeTextFile(options.outFile, engine::writePlanFile(*plan))) {
      console.err << "error: cannot write the plan to " << options.outFile
                  << "\n  check that its directory exists and is writable\n";
      return toInt(ExitCode::Error);
    }
    if (format == PlanFormat::Text) {
      console.out << "\nSaved the plan to " << options.outFile << ". Apply exactly these actions with:\n"
                  << "  community-connector apply " << options.outFile << "\n";
    }
  }
  const bool changes = plan->hasChanges();
  keepUntilExit(std::move(plan));
  keepUntilExit(std::move(manifest));
  keepUntilExit(std::move(session));  // its open connections close with the process
  if (options.detailedExitcode && changes) return toInt(ExitCode::ChangesPresent);
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
