// `force-unlock`: remove the workspace's apply lock left behind by a crashed apply.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/workspace_session.h"
#include "engine/apply_lock.h"
#include "engine/ownership.h"

namespace cc::cli {
namespace {

/// "alice@host pid 42" from the lock file, or nothing when it is not ours to parse.
std::string holderOf(const std::string& content) {
  auto j = nlohmann::json::parse(content, nullptr, false);
  if (!j.is_object() || !j.contains("holder") || !j["holder"].is_string()) return "an unknown holder";
  return j["holder"].get<std::string>();
}

}  // namespace

int runForceUnlock(const GlobalOptions& global, const ManifestOptions& options, Console& console) {
  DiagnosticPrinter printer(console.color);
  // The manifest only says which workspace (its `workspace` section); without one, flags and
  // the environment decide, so a missing default manifest is not an error here.
  std::optional<engine::Manifest> manifest;
  if (options.file != "connectors.yaml" || std::filesystem::exists(options.file)) {
    manifest = loadManifestOrReport(options, printer, console);
    if (!manifest) return toInt(ExitCode::Error);
  }
  const nlohmann::json* section = nullptr;
  if (manifest) {
    auto it = manifest->document.find("workspace");
    if (it != manifest->document.end()) section = &*it;
  }
  auto session = openWorkspaceSession(global, section);
  if (!session) {
    reportDiagnostics(session.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  engine::Workspace& workspace = session->registry->workspace();
  auto context = workspace.currentContext();
  if (!context) {
    reportDiagnostics(context.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  const std::string root = engine::toolRoot(context->userName);
  const std::string path = engine::lockPath(root);
  auto existing = workspace.readFiles({path});
  if (!existing) {
    reportDiagnostics(existing.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  auto it = existing->find(path);
  if (it == existing->end()) {
    console.out << "no apply lock at " << path << ": nothing to do\n";
    return toInt(ExitCode::Ok);
  }
  engine::Status removed = engine::forceUnlock(workspace, root);
  if (!removed) {
    reportDiagnostics(removed.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  console.out << "removed the apply lock held by " << holderOf(it->second.content) << " (" << path << ")\n";
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
