#pragma once
// Running our CLI binary as a child process against the emulator, for the e2e tests: its
// stdout/stderr/exit code, and the mutating requests the emulator logged meanwhile.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "providers/workspace_client.h"
#include "support/emulator_process.h"
#include "trace_fixture.h"

namespace cc::e2e {

namespace fs = std::filesystem;

using Environment = std::map<std::string, std::optional<std::string>>;

struct RunResult {
  int exit = -1;
  std::string out, err;
};

// Runs the CLI with `args` in `cwd` and the environment given (a null value unsets).
inline RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd,
                 const Environment& env) {
  const fs::path outFile = cwd / ".stdout", errFile = cwd / ".stderr";
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : env) {
      if (v) ::setenv(k.c_str(), v->c_str(), 1);
      else ::unsetenv(k.c_str());
    }
    if (!std::freopen(outFile.c_str(), "w", stdout) || !std::freopen(errFile.c_str(), "w", stderr)) ::_exit(125);
    std::vector<std::string> words = {CC_CLI_BINARY};
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

inline std::vector<nlohmann::json> mutatingRequests(const std::string& logPath, std::size_t skip) {
  std::vector<nlohmann::json> out;
  std::istringstream lines(readText(logPath));
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || n++ < skip) continue;
    auto entry = nlohmann::json::parse(line, nullptr, false);
    if (entry.is_discarded()) continue;
    auto r = normaliseRequest(entry);
    if (!r.is_null()) out.push_back(r);
  }
  return out;
}

inline std::size_t logLines(const std::string& logPath) {
  std::istringstream lines(readText(logPath));
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line);) n += !line.empty();
  return n;
}

/// The environment that points the CLI at `emulator` and at nothing else: no profile file, no
/// internet (spec fetches go to a closed local port).
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
  };
}

/// POSTs `body` to one of the emulator's /__emulator/ control endpoints; true on success.
inline bool emulatorControl(const test_support::EmulatorProcess& emulator, const std::string& path,
                            const nlohmann::json& body = nlohmann::json::object()) {
  providers::ConnectionSettings settings;
  settings.auth.flagHost = emulator.url();
  const std::string token = emulator.token(), ca = emulator.caFile();
  settings.env = [token](const std::string& k) -> std::optional<std::string> {
    if (k == "DATABRICKS_TOKEN") return token;
    return std::nullopt;
  };
  settings.readFile = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  settings.caFile = ca;
  auto client = providers::connect(settings);
  if (!client) return false;
  return client.value()->call({"POST", path, {}, body, {}}).ok();
}

}  // namespace cc::e2e
