// `force-unlock LOCK_ID`: remove the deployment's apply lock left behind by a crashed apply.
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/workspace_session.h"
#include "engine/apply_lock.h"

namespace cc::cli {

int runForceUnlock(const GlobalOptions& global, const ForceUnlockOptions& options, Console& console) {
  render::DiagnosticPrinter printer(console.color);
  // The manifest names the deployment (and its workspace section the workspace).
  auto manifest = loadManifestOrReport(options.manifest, printer, console);
  if (!manifest) return toInt(ExitCode::Error);
  auto it = manifest->document.find("workspace");
  auto session = openWorkspaceSession(global, it == manifest->document.end() ? nullptr : &*it);
  if (!session) {
    reportDiagnostics(session.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  engine::Workspace& workspace = session->registry->workspace();
  const std::string path = manifest->deployment.lockFile();
  auto existing = workspace.readFiles({path});
  if (!existing) {
    reportDiagnostics(existing.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  auto found = existing->find(path);
  if (found == existing->end()) {
    console.out << "no apply lock for deployment " << manifest->deployment.id() << " (" << path << "): nothing to do\n";
    return toInt(ExitCode::Ok);
  }
  const engine::LockInfo lock = engine::parseLock(found->second.content);
  if (lock.id != options.lockId)
    return failWith(console, "deployment " + manifest->deployment.id() + " is locked by " + lock.holder + " since " +
                                 lock.since() + " (lock id " + (lock.id.empty() ? std::string("none") : lock.id) + ")" +
                                 (options.lockId.empty() ? std::string() : ", not by lock " + options.lockId),
                    "if that apply is gone, run `community-connector force-unlock " +
                        (lock.id.empty() ? std::string("\"\"") : lock.id) + "`");
  if (!options.yes) {
    if (!console.interactive)
      return failWith(console, "force-unlock needs confirmation, and this is not a terminal", "pass --yes");
    console.out << "The lock is held by " << lock.holder << " since " << lock.since()
                << ". Removing it while that apply runs lets two applies interleave.";
    if (!confirm(console, "Remove the lock?")) return failWith(console, "force-unlock cancelled", "nothing was changed");
  }
  engine::Status removed = engine::forceUnlock(workspace, path);
  if (!removed) {
    reportDiagnostics(removed.diagnostics(), printer, console);
    return toInt(ExitCode::Error);
  }
  console.out << "removed the apply lock " << lock.id << " held by " << lock.holder << " (" << path << ")\n";
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
