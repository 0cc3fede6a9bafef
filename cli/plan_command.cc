// `plan`: compare a manifest with the workspace, show the actions, optionally save them.
#include <filesystem>
#include <string>
#include <vector>

#include "cli/original/generation.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/exit_without_free.h"
#include "cli/output_file.h"
#include "cli/mass_delete_guard.h"
#include "cli/package_artifacts.h"
#include "render/plan_renderer.h"
#include "cli/workspace_session.h"
#include "engine/config_layers.h"
#include "engine/plan_file.h"
#include "engine/planner.h"

namespace cc::cli {
namespace {

// The files this plan read: `-o` must never overwrite one of them (the manifest, the
// connector specs it names by path).
std::vector<std::string> inputFiles(const std::string& manifestFile, const engine::Manifest& manifest) {
  std::vector<std::string> files = {manifestFile};
  const auto connections = manifest.document.find("connections");
  if (connections == manifest.document.end() || !connections->is_object()) return files;
  const std::filesystem::path base =
      manifestFile == "-" ? std::filesystem::path() : std::filesystem::path(manifestFile).parent_path();
  for (const auto& [name, connection] : connections->items()) {
    if (!connection.is_object() || !connection.contains("spec") || !connection["spec"].is_string()) continue;
    const std::string spec = connection["spec"].get<std::string>();
    if (spec.rfind("http://", 0) == 0 || spec.rfind("https://", 0) == 0) continue;
    const std::filesystem::path path(spec);
    files.push_back((path.is_relative() ? base / path : path).string());
  }
  return files;
}

}  // namespace

int runPlan(const GlobalOptions& global, const PlanOptions& options, Console& console) {
  render::DiagnosticPrinter printer(console.color);
  render::PlanFormat format = render::PlanFormat::Text;
  render::parsePlanFormat(options.format, format);

  // Its warnings are part of the plan and printed with it, once.
  auto manifest = loadManifestOrReport(options.manifest, printer, console, ManifestWarnings::InPlan);
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
  settings.destroy = options.destroy;
  settings.targets = options.targets;
  auto generation = originalGeneration();
  if (!generation) {
    reportDiagnostics(generation.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  // destroy deletes what the deployment owns: no layout to read for it.
  if (!options.destroy) applyGenerationToModel(*generation, settings.model, *session->registry);
  // A saved plan finds its manifest from any directory (apply -f names it if it moved).
  settings.manifestFile = options.manifest.file == "-" ? "-" : std::filesystem::absolute(options.manifest.file).lexically_normal().string();
  settings.model.packageArtifact = packageArtifacts(
      *manifest, options.manifest.file, options.destroy ? PackageReading::NameOnly : PackageReading::Content);
  session->registry->maskInLogs(manifest->sensitiveValues);
  auto plan = engine::makePlan(*manifest, *bundled, *session->registry, settings);
  if (!plan) {
    reportDiagnostics(plan.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  // With `-o -` the plan file is standard output, so the rendering moves to standard error.
  const bool planFileToStdout = options.outFile == "-";
  // --quiet: the summary line only (machine formats are printed whole).
  if (global.quiet && format == render::PlanFormat::Text) {
    console.out << render::summaryLine(plan->counts()) << "\n";
  } else {
    render::renderPlan(*plan, format, planFileToStdout ? console.err : console.out, console.color);
  }
  if (format == render::PlanFormat::Text) printMassDeleteWarning(*plan, console.err, console.color);

  if (!options.outFile.empty()) {
    if (auto failed = writeOutputFile(options.outFile, engine::writePlanFile(*plan),
                                      inputFiles(options.manifest.file, *manifest), "the plan", console.out)) {
      console.err << "error: " << failed.what << "\n  " << failed.fix << "\n";
      return toInt(ExitCode::Error);
    }
    if (format == render::PlanFormat::Text && !planFileToStdout && !global.quiet) {
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
