#pragma once
// The argument grammar of the original tool's commands (names, short options, required flags),
// plus the commands newer upstream versions added, as Click command declarations.

#include <string>
#include <vector>

#include "cli/original/click.h"

namespace cc::cli {

/// The program name the original's messages show.
inline constexpr const char* kOriginalProgram = "community-connector";

/// The command with this underscore name, or nullptr.
const ClickCommand* originalCommand(const std::string& name);
/// All of them, in the original's listing order, then the newer commands.
const std::vector<ClickCommand>& originalCommands();

}  // namespace cc::cli
