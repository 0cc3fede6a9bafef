// `import`: read the workspace's connections and pipelines (with their ingest.py and Git
// folder) and print a manifest that plans to zero changes against the same workspace.
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/workspace_session.h"
#include "engine/config_layers.h"
#include "engine/manifest_loader.h"
#include "engine/manifest_writer.h"
#include "providers/workspace_reader.h"
#include "providers/workspace_client.h"
#include "render/result_json.h"

namespace cc::cli {
namespace {

// --format json: the manifest twice (its YAML text to write to a file, and the same document as
// JSON to read), what the user must know, and how many resources were imported.
void printImportJson(const engine::WrittenManifest& manifest, const engine::ImportedWorkspace& ws, Console& console) {
  auto document = engine::loadYaml(manifest.yaml, "<import>");
  nlohmann::json doc = {{"format_version", render::kResultJsonFormatVersion},
                        {"deployment", ws.deployment},
                        {"yaml", manifest.yaml},
                        {"manifest", document ? document->document : nlohmann::json()},
                        {"notes", manifest.notes},
                        {"imported", {{"connections", ws.connections.size()}, {"pipelines", ws.pipelines.size()}}}};
  render::printJson(doc, console.out);
}

}  // namespace

int runImport(const GlobalOptions& global, const ImportOptions& options, Console& console) {
  render::DiagnosticPrinter printer(console.color);
  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) {
    reportDiagnostics(bundled.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  auto client = providers::connect(workspaceConnectionSettings(global, nullptr));
  if (!client) {
    reportDiagnostics(client.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  providers::ImportSelection selection;
  selection.source = options.source;
  selection.deployment = options.deployment;
  selection.ownedOnly = options.ownedOnly;
  auto ws = providers::readWorkspaceForImport(*client, selection);
  if (!ws) {
    reportDiagnostics(ws.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  engine::WrittenManifest manifest = engine::writeManifest(*ws, *bundled);
  if (options.format == "json") {
    printImportJson(manifest, *ws, console);
    return toInt(ExitCode::Ok);
  }
  console.out << manifest.yaml;
  if (!global.quiet) {
    for (const auto& note : manifest.notes) console.err << "note: " << note << "\n";
    console.err << "imported " << ws->connections.size() << " connection(s) and " << ws->pipelines.size()
                << " pipeline(s)\n";
  }
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
