#pragma once
// Runs a helper program (the Databricks CLI, the Azure CLI) and collects what it prints, with
// a deadline: a credential helper that hangs (waiting for a browser, a prompt) must not hang us.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cc::providers {

struct CommandOutput {
  bool started = false;   // false: the program could not be run (not found, not executable)
  bool timedOut = false;  // killed at the deadline
  int exitCode = -1;      // the exit status, or -1 when killed by a signal
  std::string out;
  std::string err;
};

/// Runs argv[0] (searched on PATH when it has no '/') with stdin closed. Output beyond
/// `maxBytes` per stream is dropped.
CommandOutput runExternalCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                                 std::size_t maxBytes = 1u << 20);

/// The full path of an executable named `name` in the ':'-separated `searchPath`, or nullopt;
/// files smaller than `minBytes` are passed over. A name containing '/' is checked as it is.
std::optional<std::string> findExecutable(const std::string& name, const std::string& searchPath,
                                          std::uintmax_t minBytes = 0);

}  // namespace cc::providers
