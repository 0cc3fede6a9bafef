// `import`: not built yet.
#include "cli/commands.h"
#include "cli/not_built.h"

namespace cc::cli {

int runImport(const GlobalOptions&, const ImportOptions&, Console& console) { return notBuilt(console, "import"); }

}  // namespace cc::cli
