// `auth describe`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runAuthDescribe(const GlobalOptions&, Console& console) { return notBuilt(console, "auth describe"); }

}  // namespace cc::cli
