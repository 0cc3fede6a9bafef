// `destroy`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runDestroy(const GlobalOptions&, const DestroyOptions&, Console& console) { return notBuilt(console, "destroy"); }

}  // namespace cc::cli
