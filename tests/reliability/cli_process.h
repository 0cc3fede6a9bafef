#pragma once
// The CLI binary as a child process for the reliability tests: run to completion (stdout,
// stderr, exit code or signal) or start in the background and SIGKILL it at a chosen moment.
// Also the emulator's request log as values, and the environment that points at an emulator.

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

namespace cc::reliability {

namespace fs = std::filesystem;
using Environment = std::map<std::string, std::optional<std::string>>;

inline std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

/// What a finished CLI run left behind.
struct RunResult {
  int exit = -1;    // exit status, or -1 when a signal ended it
  int signal = 0;   // the terminating signal, 0 when it exited
  long maxRssKb = 0;  // peak resident set size of the child
  std::string out, err;
  std::string all() const { return out + "\n" + err; }
};

/// A CLI child started in the background; its output goes to files in `dir`.
struct CliChild {
  pid_t pid = -1;
  fs::path outFile, errFile;
};

inline CliChild startCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env,
                         const std::optional<std::string>& stdinText = std::nullopt) {
  static int counter = 0;
  CliChild child;
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  child.outFile = fs::temp_directory_path() / ("cc-rel-out-" + tag);
  child.errFile = fs::temp_directory_path() / ("cc-rel-err-" + tag);
  fs::path inFile = fs::temp_directory_path() / ("cc-rel-in-" + tag);
  writeText(inFile, stdinText.value_or(""));
  std::fflush(nullptr);  // else the child's freopen flushes the parent's buffered output again
  child.pid = ::fork();
  if (child.pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : env) {
      if (v) ::setenv(k.c_str(), v->c_str(), 1);
      else ::unsetenv(k.c_str());
    }
    if (!std::freopen(inFile.c_str(), "r", stdin) || !std::freopen(child.outFile.c_str(), "w", stdout) ||
        !std::freopen(child.errFile.c_str(), "w", stderr)) {
      ::_exit(125);
    }
    std::vector<std::string> words = {CC_CLI_BINARY};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return child;
}

/// Waits for the child (after an optional signal) and collects its output.
inline RunResult finishCli(CliChild& child, int signal = 0) {
  if (signal != 0) ::kill(child.pid, signal);
  int status = 0;
  struct rusage usage {};
  ::wait4(child.pid, &status, 0, &usage);
  RunResult r;
  r.maxRssKb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = readText(child.outFile);
  r.err = readText(child.errFile);
  std::error_code ignored;
  fs::remove(child.outFile, ignored);
  fs::remove(child.errFile, ignored);
  return r;
}

/// True once the child has ended by itself (then finishCli only collects).
inline bool childEnded(const CliChild& child) {
  siginfo_t info{};
  info.si_pid = 0;
  return ::waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

inline RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env,
                        const std::optional<std::string>& stdinText = std::nullopt) {
  CliChild child = startCli(args, cwd, env, stdinText);
  return finishCli(child);
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

inline std::size_t requestCount(const std::string& path) {
  std::size_t n = 0;
  std::istringstream lines(readText(path));
  for (std::string line; std::getline(lines, line);) n += !line.empty();
  return n;
}

/// The environment that points the CLI at `emulator` and nothing else.
inline Environment emulatorEnvironment(const test_support::EmulatorProcess& emulator) {
  return {
      {"DATABRICKS_HOST", emulator.url()},
      {"DATABRICKS_TOKEN", emulator.token()},
      {"SSL_CERT_FILE", emulator.caFile()},
      {"HOME", emulator.dir()},
      {"NO_COLOR", "1"},
      {"DATABRICKS_CONFIG_PROFILE", std::nullopt},
      {"DATABRICKS_CONFIG_FILE", emulator.dir() + "/no-databrickscfg"},
      {"DATABRICKS_CLIENT_ID", std::nullopt},
      {"DATABRICKS_CLIENT_SECRET", std::nullopt},
      {"COMMUNITY_CONNECTOR_SPEC_MIRROR", "https://127.0.0.1:9"},
      {"GITHUB_TOKEN", "ghp-reliability-token"},
  };
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
