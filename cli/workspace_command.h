#pragma once
// WorkspaceCommand: a parsed command that talks to a workspace — plan, apply, destroy,
// force-unlock, import, auth describe and the original tool's commands. The grammar (app.cc)
// produces it and runWorkspaceCommand runs it. `community-connector` links no workspace client:
// it hands these commands to community-connector-workspace (hand_over.h), so that the commands
// that need none (validate, show, schema, completion, version, --help) start without loading
// Poco and OpenSSL, which cost more than the rest of such a run.

#include <string>
#include <variant>
#include <vector>

#include "cli/arguments.h"
#include "cli/console.h"

namespace cc::cli {

/// `auth describe`.
struct AuthDescribeOptions {
  ManifestOptions manifest;
  std::string format = "text";  // text | json
};

/// One of the original tool's commands (underscore spelling) and the words after its name, which
/// its own grammar parses (original/commands.cc).
struct OriginalCommandOptions {
  std::string command;
  std::vector<std::string> args;
};

using WorkspaceCommand = std::variant<PlanOptions, ApplyOptions, DestroyOptions, ForceUnlockOptions, ImportOptions,
                                      AuthDescribeOptions, OriginalCommandOptions>;

/// Runs `command` in this process.
int runWorkspaceCommand(const GlobalOptions& global, const WorkspaceCommand& command, Console& console);

}  // namespace cc::cli
