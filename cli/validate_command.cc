// `validate`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runValidate(const GlobalOptions&, const ValidateOptions&, Console& console) { return notBuilt(console, "validate"); }

}  // namespace cc::cli
