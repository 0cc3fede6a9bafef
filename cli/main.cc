// community-connector: parse, run the commands that need no workspace, hand the others to
// community-connector-workspace (hand_over.h). Nothing else lives here.
#include <unistd.h>

#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/exit_without_free.h"
#include "cli/hand_over.h"

int main(int argc, char** argv) {
  cc::cli::Console console{std::cout, std::cerr, isatty(STDOUT_FILENO) != 0,
                           isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0};
  cc::cli::setExitWithoutFree(true);
  const auto handOver = [argv](const cc::cli::GlobalOptions&, const cc::cli::WorkspaceCommand&,
                               cc::cli::Console& c) { return cc::cli::handOverToWorkspaceBinary(argv, c); };
  try {
    return cc::cli::runCommandLine(argc, argv, console, handOver);
  } catch (const std::exception&) {
    // Last resort: exception text may carry request data, so it is not printed.
    std::cerr << "error: internal error (please report it with the command you ran)\n";
  } catch (...) {
    std::cerr << "error: internal error (please report it with the command you ran)\n";
  }
  return cc::cli::toInt(cc::cli::ExitCode::Error);
}
