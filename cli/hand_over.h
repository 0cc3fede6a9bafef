#pragma once
// Hand-over: `community-connector` runs the commands that need no workspace itself and, for the
// others, replaces itself (execv) with community-connector-workspace run with the same
// arguments — same environment, descriptors and process id, so signals, output and the exit code
// are that binary's. The workspace binary lives at CC_WORKSPACE_BINARY relative to the directory
// of community-connector: ../libexec/ when installed, and at the same place in the build tree.

#include "cli/console.h"

namespace cc::cli {

/// Replaces this process with community-connector-workspace given `argv` (argv[0] kept). Returns
/// only if that fails, after saying why on console.err: the exit code.
int handOverToWorkspaceBinary(const char* const* argv, Console& console);

}  // namespace cc::cli
