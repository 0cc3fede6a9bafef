#pragma once
// Shared by the declarative e2e tests (plan/apply/destroy of a manifest against the emulator):
// a fixture owning one emulator and a working directory, the CLI run in the foreground or in
// the background (to kill it or race it), and counts of what the workspace holds, read through
// the providers' typed API. Every CLI run is checked for the sentinel secret.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "providers/workspace_api.h"
#include "providers/workspace_client.h"

namespace cc::e2e {

/// The GITHUB_TOKEN value of every declarative test: it must never appear in any output.
inline constexpr const char* kSentinelSecret = "ghp_SENTINEL_e2e_do_not_print_7f3a9c";

inline const fs::path kDeclarativeFixtures = fs::path(CC_TESTS_DIR) / "fixtures" / "declarative";

/// A CLI process started in the background.
using CliProcess = test_support::ChildProcess;

inline CliProcess startCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env) {
  return test_support::startChild(CC_CLI_BINARY, args, cwd, env);
}

/// Waits for (or, with `signal`, first signals) the process; exit -1 when it did not exit normally.
inline RunResult finishCli(CliProcess& p, int signal = 0) { return test_support::finishChild(p, signal); }

/// The lock id a "locked by … (lock id ID)" message names ("" when none).
inline std::string lockIdIn(const std::string& message) {
  const std::string marker = "(lock id ";
  const auto at = message.find(marker);
  if (at == std::string::npos) return "";
  const auto end = message.find(')', at);
  return message.substr(at + marker.size(), end - at - marker.size());
}

/// Whether the process has exited (without reaping it).
inline bool exited(const CliProcess& p) { return test_support::childEnded(p); }

/// Log entries that are API requests (not the emulator's own /__emulator/ hooks).
inline std::vector<nlohmann::json> apiRequests(const std::string& logPath) {
  std::vector<nlohmann::json> out;
  std::istringstream lines(readText(logPath));
  for (std::string line; std::getline(lines, line);) {
    auto entry = nlohmann::json::parse(line, nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) continue;
    if (entry.value("path", "").rfind("/__emulator/", 0) == 0) continue;
    out.push_back(std::move(entry));
  }
  return out;
}

/// One emulator, one working directory, the sentinel secret in the environment.
class DeclarativeTest : public ::testing::Test {
 protected:
  void startEmulator(std::vector<std::string> extra = {}) {
    emulator_ = std::make_unique<test_support::EmulatorProcess>(CC_EMULATOR_BINARY, std::move(extra));
    ASSERT_TRUE(emulator_->ok()) << emulator_->error();
    work_ = fs::path(emulator_->dir()) / "work";
    fs::create_directories(work_);
    for (const auto& entry : fs::directory_iterator(kDeclarativeFixtures)) fs::copy(entry.path(), work_ / entry.path().filename());
    env_ = emulatorEnvironment(*emulator_);
    env_["GITHUB_TOKEN"] = kSentinelSecret;
    env_["NO_COLOR"] = "1";
    providers::ConnectionSettings s;
    auto env = env_;
    s.env = [env](const std::string& k) -> std::optional<std::string> {
      auto it = env.find(k);
      return it == env.end() ? std::nullopt : it->second;
    };
    auto client = providers::connect(s);
    ASSERT_TRUE(client.ok());
    api_ = std::make_unique<providers::WorkspaceApi>(client.value());
  }

  /// Runs the CLI in the work directory; fails the test if the sentinel secret shows up.
  RunResult cli(const std::vector<std::string>& args) {
    RunResult r = runCli(args, work_, env_);
    expectNoSecret(r);
    return r;
  }

  void expectNoSecret(const RunResult& r) {
    EXPECT_EQ(r.out.find(kSentinelSecret), std::string::npos) << "secret in stdout of a run";
    EXPECT_EQ(r.err.find(kSentinelSecret), std::string::npos) << "secret in stderr of a run";
  }

  std::string log() const { return emulator_->requestLogPath(); }

  /// Sets the emulator's hold rule (`/__emulator/hold`): `pattern` over "METHOD PATH", and/or
  /// every request numbered `from` and later.
  void holdRequests(const std::string& pattern, std::uint64_t from = 0) {
    nlohmann::json body = nlohmann::json::object();
    if (!pattern.empty()) body["pattern"] = pattern;
    if (from != 0) body["from"] = from;
    auto r = api_->client().call({"POST", "/__emulator/hold", {}, body, std::nullopt});
    ASSERT_TRUE(r.ok());
  }

  /// Requests the emulator has numbered so far (the base of a `from` hold).
  std::uint64_t requestsSoFar() {
    auto r = api_->client().call({"GET", "/__emulator/requests", {}, std::nullopt, std::nullopt});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value().value("count", std::uint64_t{0}) : 0;
  }

  /// Mutating API requests logged after the first `skip` log lines.
  std::vector<nlohmann::json> mutatingSince(std::size_t skip) const { return mutatingRequests(log(), skip); }

  std::size_t countConnections() {
    auto r = api_->listConnections();
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value().size() : 0;
  }
  std::vector<std::string> pipelineNames() {
    auto r = api_->listPipelines();
    EXPECT_TRUE(r.ok());
    std::vector<std::string> names;
    if (r.ok())
      for (const auto& p : r.value()) names.push_back(p.name);
    std::sort(names.begin(), names.end());
    return names;
  }
  std::size_t countRepos() {
    auto r = api_->listRepos("/Users");
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value().size() : 0;
  }
  std::optional<nlohmann::json> connection(const std::string& name) {
    auto r = api_->getConnection(name);
    if (!r.ok()) return std::nullopt;
    return r.value();
  }
  std::string pipelineId(const std::string& name) {
    auto r = api_->findPipelinesByName(name);
    return r.ok() && r.value().size() == 1 ? r.value()[0].pipelineId : std::string();
  }

  std::unique_ptr<test_support::EmulatorProcess> emulator_;
  std::unique_ptr<providers::WorkspaceApi> api_;
  fs::path work_;
  Environment env_;
};

}  // namespace cc::e2e
