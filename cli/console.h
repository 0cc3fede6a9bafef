#pragma once
// Console: where a command writes, and how (colour or plain). Commands never touch std::cout.

#include <ostream>

namespace cc::cli {

/// The two output streams of a command plus the terminal facts that shape its output.
struct Console {
  std::ostream& out;
  std::ostream& err;
  bool color = false;       // ANSI colour allowed (a TTY, no --no-color, no NO_COLOR)
  bool interactive = false; // stdin and stdout are terminals: prompts are allowed
};

}  // namespace cc::cli
