// Commands whose capability has not landed yet. Each says so plainly and fails: none is
// called done. A command moves out of this file when it is implemented in its own .cc.
#include "cli/commands.h"
#include "cli/exit_code.h"

namespace cc::cli {
namespace {

int notBuilt(Console& console, const std::string& command) {
  console.err << "error: '" << command << "' is not built yet in this version of community-connector\n";
  return toInt(ExitCode::Error);
}

}  // namespace

int runValidate(const GlobalOptions&, const ValidateOptions&, Console& c) { return notBuilt(c, "validate"); }
int runPlan(const GlobalOptions&, const PlanOptions&, Console& c) { return notBuilt(c, "plan"); }
int runApply(const GlobalOptions&, const ApplyOptions&, Console& c) { return notBuilt(c, "apply"); }
int runDestroy(const GlobalOptions&, const DestroyOptions&, Console& c) { return notBuilt(c, "destroy"); }
int runImport(const GlobalOptions&, const ImportOptions&, Console& c) { return notBuilt(c, "import"); }
int runSchema(const GlobalOptions&, Console& c) { return notBuilt(c, "schema"); }
int runImperative(const std::string& command, const std::vector<std::string>&, const GlobalOptions&,
                  Console& c) {
  return notBuilt(c, command);
}

}  // namespace cc::cli
