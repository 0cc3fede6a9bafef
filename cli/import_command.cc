// `import`: read the workspace's connections and pipelines (with their ingest.py and Git
// folder) and print a manifest that plans to zero changes against the same workspace.
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/workspace_session.h"
#include "engine/config_layers.h"
#include "engine/manifest_writer.h"
#include "providers/workspace_reader.h"
#include "providers/workspace_client.h"

namespace cc::cli {

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
  console.out << manifest.yaml;
  if (!global.quiet) {
    for (const auto& note : manifest.notes) console.err << "note: " << note << "\n";
    console.err << "imported " << ws->connections.size() << " connection(s) and " << ws->pipelines.size()
                << " pipeline(s)\n";
  }
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
