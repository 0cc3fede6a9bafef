#include "cli/workspace_command.h"

#include "cli/commands.h"

namespace cc::cli {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
// Spelled out for clang 14, which does not deduce an aggregate's template arguments (C++20's
// P1816 came in clang 17); GCC needs no guide.
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

int runWorkspaceCommand(const GlobalOptions& global, const WorkspaceCommand& command, Console& console) {
  return std::visit(
      Overloaded{
          [&](const PlanOptions& o) { return runPlan(global, o, console); },
          [&](const ApplyOptions& o) { return runApply(global, o, console); },
          [&](const DestroyOptions& o) { return runDestroy(global, o, console); },
          [&](const ForceUnlockOptions& o) { return runForceUnlock(global, o, console); },
          [&](const ImportOptions& o) { return runImport(global, o, console); },
          [&](const AuthDescribeOptions& o) { return runAuthDescribe(global, o, console); },
          [&](const OriginalCommandOptions& o) { return runOriginalCommand(o.command, o.args, global, console); },
      },
      command);
}

int runCommandLine(int argc, const char* const* argv, Console& console) {
  return runCommandLine(argc, argv, console, runWorkspaceCommand);
}

}  // namespace cc::cli
