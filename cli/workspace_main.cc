// community-connector-workspace: every command in this process, those that talk to a workspace
// included; community-connector hands those to it (hand_over.h). Nothing else lives here.
#include <unistd.h>

#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/exit_without_free.h"

int main(int argc, char** argv) {
  cc::cli::Console console{std::cout, std::cerr, isatty(STDOUT_FILENO) != 0,
                           isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0};
  cc::cli::setExitWithoutFree(true);
  try {
    return cc::cli::runCommandLine(argc, argv, console);
  } catch (const std::exception&) {
    // Last resort: exception text may carry request data, so it is not printed.
    std::cerr << "error: internal error (please report it with the command you ran)\n";
  } catch (...) {
    std::cerr << "error: internal error (please report it with the command you ran)\n";
  }
  return cc::cli::toInt(cc::cli::ExitCode::Error);
}
