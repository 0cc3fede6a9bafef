#pragma once
// A binary (usually the CLI) as a child process for the tests that cross process boundaries:
// started in a directory with an environment, stdin from a file, stdout and stderr captured in
// files, waited for (or signalled first) and collected. Also the emulator's request log as
// values and the environment that points the CLI at one emulator and nothing else.

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/emulator_process.h"

namespace cc::test_support {

namespace fs = std::filesystem;

/// Variables to set in the child; a null value unsets the variable.
using Environment = std::map<std::string, std::optional<std::string>>;

inline std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void writeText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// What a finished child left behind.
struct ChildResult {
  int exit = -1;      // exit status, or -1 when a signal ended it
  int signal = 0;     // the terminating signal, 0 when it exited
  long maxRssKb = 0;  // peak resident set size of the child
  std::string out, err;
  std::string all() const { return out + "\n" + err; }
};

/// A child started in the background; its streams are files in the temporary directory.
struct ChildProcess {
  pid_t pid = -1;
  fs::path inFile, outFile, errFile;
};

/// Starts `binary args…` in `cwd` with `env` applied; stdin holds `stdinText` (empty: at once EOF).
inline ChildProcess startChild(const std::string& binary, const std::vector<std::string>& args, const fs::path& cwd,
                               const Environment& env, const std::string& stdinText = {}) {
  static int counter = 0;
  ChildProcess child;
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  child.inFile = fs::temp_directory_path() / ("cc-child-in-" + tag);
  child.outFile = fs::temp_directory_path() / ("cc-child-out-" + tag);
  child.errFile = fs::temp_directory_path() / ("cc-child-err-" + tag);
  writeText(child.inFile, stdinText);
  std::fflush(nullptr);  // else the child's freopen flushes the parent's buffered output again
  child.pid = ::fork();
  if (child.pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : env) {
      if (v) ::setenv(k.c_str(), v->c_str(), 1);
      else ::unsetenv(k.c_str());
    }
    if (!std::freopen(child.inFile.c_str(), "r", stdin) || !std::freopen(child.outFile.c_str(), "w", stdout) ||
        !std::freopen(child.errFile.c_str(), "w", stderr)) {
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
  return child;
}

/// Waits for the child (after sending `signal`, if not 0), collects its output, removes its files.
inline ChildResult finishChild(ChildProcess& child, int signal = 0) {
  if (signal != 0) ::kill(child.pid, signal);
  int status = 0;
  struct rusage usage {};
  ::wait4(child.pid, &status, 0, &usage);
  ChildResult r;
  r.maxRssKb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = readText(child.outFile);
  r.err = readText(child.errFile);
  std::error_code ignored;
  for (const auto& f : {child.inFile, child.outFile, child.errFile}) fs::remove(f, ignored);
  return r;
}

/// True once the child has ended by itself (without reaping it: finishChild then only collects).
inline bool childEnded(const ChildProcess& child) {
  siginfo_t info{};
  info.si_pid = 0;
  return ::waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

inline ChildResult runChild(const std::string& binary, const std::vector<std::string>& args, const fs::path& cwd,
                            const Environment& env, const std::string& stdinText = {}) {
  ChildProcess child = startChild(binary, args, cwd, env, stdinText);
  return finishChild(child);
}

/// Every entry of the emulator's request log, in order (lines that do not parse are skipped).
inline std::vector<nlohmann::json> requestLog(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::istringstream lines(readText(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto entry = nlohmann::json::parse(line, nullptr, false);
    if (!entry.is_discarded()) out.push_back(std::move(entry));
  }
  return out;
}

/// The number of entries of the emulator's request log.
inline std::size_t requestCount(const std::string& path) {
  std::size_t n = 0;
  std::istringstream lines(readText(path));
  for (std::string line; std::getline(lines, line);) n += !line.empty();
  return n;
}

/// The environment that points the CLI at `emulator` and at nothing else: no profile file, no
/// OAuth client, no internet (connector spec fetches go to a closed local port).
inline Environment cliEnvironmentFor(const EmulatorProcess& emulator) {
  return {
      {"DATABRICKS_HOST", emulator.url()},
      {"DATABRICKS_TOKEN", emulator.token()},
      {"SSL_CERT_FILE", emulator.caFile()},
      {"HOME", emulator.dir()},
      {"DATABRICKS_CONFIG_PROFILE", std::nullopt},
      {"DATABRICKS_CONFIG_FILE", emulator.dir() + "/no-databrickscfg"},
      {"DATABRICKS_CLIENT_ID", std::nullopt},
      {"DATABRICKS_CLIENT_SECRET", std::nullopt},
      {"DATABRICKS_AUTH_TYPE", std::nullopt},
      {"DATABRICKS_CLI_PATH", std::nullopt},
      {"ARM_CLIENT_ID", std::nullopt},
      {"ARM_CLIENT_SECRET", std::nullopt},
      {"ARM_TENANT_ID", std::nullopt},
      {"COMMUNITY_CONNECTOR_SPEC_MIRROR", "https://127.0.0.1:9"},
      {"COMMUNITY_CONNECTOR_GENERATION", std::nullopt},  // the seed unless a test picks one
  };
}

}  // namespace cc::test_support
