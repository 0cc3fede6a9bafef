#pragma once
// Running our CLI binary as a child process against the emulator, for the e2e tests: its
// stdout/stderr/exit code, and the mutating requests the emulator logged meanwhile.

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "providers/workspace_client.h"
#include "support/child_process.h"
#include "trace_fixture.h"

namespace cc::e2e {

namespace fs = std::filesystem;

using test_support::Environment;
using RunResult = test_support::ChildResult;

/// The original tool's inputs (connector spec, config, pipeline spec, a repo checkout).
inline const fs::path kOriginalFixtures = fs::path(CC_TESTS_DIR) / "fixtures" / "original";

/// The environment that points the CLI at `emulator` and at nothing else.
inline Environment emulatorEnvironment(const test_support::EmulatorProcess& emulator) {
  return test_support::cliEnvironmentFor(emulator);
}

// Runs the CLI with `args` in `cwd` and the environment given (a null value unsets).
inline RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd, const Environment& env) {
  return test_support::runChild(CC_CLI_BINARY, args, cwd, env);
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

inline std::size_t logLines(const std::string& logPath) { return test_support::requestCount(logPath); }

/// stdout of a `--format json` run as one JSON document; fails the test when stdout holds
/// anything else (the text output belongs on stderr then).
inline nlohmann::json stdoutJson(const RunResult& r) {
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << "stdout is not one JSON document:\n" << r.out;
  return doc.is_discarded() ? nlohmann::json::object() : doc;
}

/// The head every result object of `--format json` starts with.
inline void expectResultHead(const nlohmann::json& doc, const std::string& command, const std::string& status) {
  EXPECT_EQ(doc.value("format_version", 0), 1) << doc.dump(1);
  EXPECT_EQ(doc.value("command", ""), command) << doc.dump(1);
  EXPECT_EQ(doc.value("status", ""), status) << doc.dump(1);
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
