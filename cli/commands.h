#pragma once
// Entry points of the subcommands. Each returns the process exit code; none exits.

#include <functional>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/console.h"
#include "cli/workspace_command.h"

namespace cc::cli {

int runValidate(const GlobalOptions& global, const ValidateOptions& options, Console& console);
int runPlan(const GlobalOptions& global, const PlanOptions& options, Console& console);
int runApply(const GlobalOptions& global, const ApplyOptions& options, Console& console);
int runDestroy(const GlobalOptions& global, const DestroyOptions& options, Console& console);
/// `force-unlock LOCK_ID`: deletes the deployment's apply lock when its id is LOCK_ID.
int runForceUnlock(const GlobalOptions& global, const ForceUnlockOptions& options, Console& console);
int runImport(const GlobalOptions& global, const ImportOptions& options, Console& console);
/// `show PLANFILE`: prints a saved plan.
int runShow(const GlobalOptions& global, const ShowOptions& options, Console& console);
int runSchema(const GlobalOptions& global, const std::string& writeTo, Console& console);
/// `schema --markdown`: the manifest reference (docs/manifest-reference.md) of the compiled-in schema.
int runSchemaMarkdown(Console& console);
/// `auth describe`: host, auth type and the source of each value; never a secret.
int runAuthDescribe(const GlobalOptions& global, const AuthDescribeOptions& options, Console& console);

/// The original tool's commands (create_pipeline …), with their own argument grammar.
/// `args` are the words after the command name.
int runOriginalCommand(const std::string& command, const std::vector<std::string>& args,
                  const GlobalOptions& global, Console& console);

/// Runs a parsed command that talks to a workspace: runWorkspaceCommand, or in
/// `community-connector` a hand-over to community-connector-workspace (hand_over.h).
using WorkspaceRunner = std::function<int(const GlobalOptions&, const WorkspaceCommand&, Console&)>;

/// Parses argv and runs the command: those that need no workspace here, the others through
/// `runWorkspace`. Defined in app.cc, which links no workspace client.
int runCommandLine(int argc, const char* const* argv, Console& console, const WorkspaceRunner& runWorkspace);

/// Entry point of community-connector-workspace and of tests: every command in this process.
int runCommandLine(int argc, const char* const* argv, Console& console);

}  // namespace cc::cli
