// `schema`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runSchema(const GlobalOptions&, Console& console) { return notBuilt(console, "schema"); }

}  // namespace cc::cli
