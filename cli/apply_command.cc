// `apply`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runApply(const GlobalOptions&, const ApplyOptions&, Console& console) { return notBuilt(console, "apply"); }

}  // namespace cc::cli
