#pragma once
// Runs the community-connector binary as a child process (stdout, stderr, exit code), for the
// user-experience tests: import round trips, help, completion, version.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/emulator_process.h"

namespace cc::ux_test {

namespace fs = std::filesystem;
using Environment = std::map<std::string, std::optional<std::string>>;

struct RunResult {
  int exit = -1;
  std::string out, err;
};

inline std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void writeText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// Runs `binary args…` in `cwd` with `env` applied (a null value unsets), stdin from /dev/null.
inline RunResult run(const std::string& binary, const std::vector<std::string>& args, const fs::path& cwd,
                     const Environment& env = {}) {
  const fs::path outFile = cwd / ".ux_stdout", errFile = cwd / ".ux_stderr";
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : env) {
      if (v) ::setenv(k.c_str(), v->c_str(), 1);
      else ::unsetenv(k.c_str());
    }
    if (!std::freopen("/dev/null", "r", stdin) || !std::freopen(outFile.c_str(), "w", stdout) ||
        !std::freopen(errFile.c_str(), "w", stderr)) {
      ::_exit(125);
    }
    std::vector<std::string> words = {binary};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = readText(outFile);
  r.err = readText(errFile);
  fs::remove(outFile);
  fs::remove(errFile);
  return r;
}

inline RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env = {}) {
  return run(CC_CLI_BINARY, args, cwd, env);
}

/// Points the CLI at `emulator` only: no profile file, no internet for connector specs.
inline Environment emulatorEnvironment(const test_support::EmulatorProcess& emulator) {
  return {
      {"DATABRICKS_HOST", emulator.url()},
      {"DATABRICKS_TOKEN", emulator.token()},
      {"SSL_CERT_FILE", emulator.caFile()},
      {"HOME", emulator.dir()},
      {"DATABRICKS_CONFIG_PROFILE", std::nullopt},
      {"DATABRICKS_CONFIG_FILE", emulator.dir() + "/no-databrickscfg"},
      {"DATABRICKS_CLIENT_ID", std::nullopt},
      {"DATABRICKS_CLIENT_SECRET", std::nullopt},
      {"COMMUNITY_CONNECTOR_SPEC_MIRROR", "https://127.0.0.1:9"},
      {"NO_COLOR", "1"},
  };
}

/// A fresh scratch directory under the emulator's (removed with it).
inline fs::path scratch(const test_support::EmulatorProcess& emulator, const std::string& name) {
  fs::path dir = fs::path(emulator.dir()) / name;
  fs::create_directories(dir);
  return dir;
}

}  // namespace cc::ux_test
