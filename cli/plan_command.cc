// `plan`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runPlan(const GlobalOptions&, const PlanOptions&, Console& console) { return notBuilt(console, "plan"); }

}  // namespace cc::cli
