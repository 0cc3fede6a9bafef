#pragma once
// The parts of the command-line grammar that are about helping people: "Examples:" footers of
// every command's --help, and the grammar as data for the shell completion scripts.

#include "cli/completion_script.h"

namespace CLI {
class App;
}

namespace cc::cli {

/// Adds an "Examples:" footer to each subcommand of `app` that has one (by name; a nested one
/// such as `auth describe` by its path).
void addExampleFooters(CLI::App& app);

/// Every subcommand of `app` with its long and short flags, for completion_script.h.
CompletionModel completionModel(const CLI::App& app);

}  // namespace cc::cli
