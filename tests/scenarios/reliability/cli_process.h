#pragma once
// The CLI binary as a child process for the reliability tests (tests/support/child_process.h
// with the CLI and the reliability environment filled in), crash signs, temporary directories.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace cc::reliability {

namespace fs = std::filesystem;

using test_support::Environment;
using test_support::readText;
using test_support::requestCount;
using test_support::requestLog;
using test_support::writeText;
using RunResult = test_support::ChildResult;
using CliChild = test_support::ChildProcess;

inline CliChild startCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env,
                         const std::optional<std::string>& stdinText = std::nullopt) {
  return test_support::startChild(CC_CLI_BINARY, args, cwd, env, stdinText.value_or(""));
}

/// Waits for the child (after an optional signal) and collects its output.
inline RunResult finishCli(CliChild& child, int signal = 0) { return test_support::finishChild(child, signal); }

using test_support::childEnded;  // true once the child has ended by itself

inline RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env,
                        const std::optional<std::string>& stdinText = std::nullopt) {
  CliChild child = startCli(args, cwd, env, stdinText);
  return finishCli(child);
}

/// The environment that points the CLI at `emulator` and nothing else, without colour and with
/// the token the test manifests reference.
inline Environment emulatorEnvironment(const test_support::EmulatorProcess& emulator) {
  Environment env = test_support::cliEnvironmentFor(emulator);
  env["NO_COLOR"] = "1";
  env["GITHUB_TOKEN"] = "ghp-reliability-token";
  return env;
}

/// Signs that the process crashed or hit a bug rather than reporting an input error.
inline std::optional<std::string> crashSign(const RunResult& r) {
  if (r.signal != 0) return "killed by signal " + std::to_string(r.signal);
  for (const char* sign : {"internal error", "AddressSanitizer", "LeakSanitizer", "runtime error:",
                           "terminate called", "Segmentation fault", "Assertion"}) {
    if (r.all().find(sign) != std::string::npos) return std::string("output contains '") + sign + "'";
  }
  return std::nullopt;
}

/// A fresh temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/cc-reliability-XXXXXX";
    if (::mkdtemp(pattern) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace cc::reliability
