#pragma once
// A command whose capability has not landed yet says so plainly and fails: it is not called done.

#include <string>

#include "cli/console.h"
#include "cli/exit_code.h"

namespace cc::cli {

inline int notBuilt(Console& console, const std::string& command) {
  console.err << "error: '" << command << "' is not built yet in this version of community-connector\n";
  return toInt(ExitCode::Error);
}

}  // namespace cc::cli
