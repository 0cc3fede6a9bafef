#pragma once
// Runs the community-connector binary as a child process (stdout, stderr, exit code), for the
// user-experience tests: import round trips, help, completion, version.

#include <filesystem>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace cc::ux_test {

namespace fs = std::filesystem;

using test_support::Environment;
using test_support::readText;
using test_support::writeText;
using RunResult = test_support::ChildResult;

/// Runs `binary args…` in `cwd` with `env` applied (a null value unsets), stdin empty.
inline RunResult run(const std::string& binary, const std::vector<std::string>& args, const fs::path& cwd,
                     const Environment& env = {}) {
  return test_support::runChild(binary, args, cwd, env);
}

inline RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env = {}) {
  return run(CC_CLI_BINARY, args, cwd, env);
}

/// Points the CLI at `emulator` only, without colour.
inline Environment emulatorEnvironment(const test_support::EmulatorProcess& emulator) {
  Environment env = test_support::cliEnvironmentFor(emulator);
  env["NO_COLOR"] = "1";
  return env;
}

/// A fresh scratch directory under the emulator's (removed with it).
inline fs::path scratch(const test_support::EmulatorProcess& emulator, const std::string& name) {
  fs::path dir = fs::path(emulator.dir()) / name;
  fs::create_directories(dir);
  return dir;
}

}  // namespace cc::ux_test
