// The original tool's commands: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runImperative(const std::string& command, const std::vector<std::string>&, const GlobalOptions&,
                  Console& console) {
  return notBuilt(console, command);
}

}  // namespace cc::cli
