// Every recorded variant of the original tool, run with our binary against the emulator: the
// mutating requests, stdout, stderr and exit code must match the recording, except for the
// deliberate differences listed in deviations() (each with its reason, see
// docs/compatibility.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "cli_runner.h"

namespace cc::e2e {
namespace {

const fs::path kTraces = fs::path(CC_TESTS_DIR) / "fixtures" / "traces";

/// A deliberate difference from the recording, and why.
struct Deviation {
  std::optional<std::vector<nlohmann::json>> requests;  // ours instead of the recording's
  std::optional<std::string> stdoutText, stderrText;    // ours (normalised) instead
  const char* reason;
};

const std::map<std::string, Deviation>& deviations() {
  static const std::map<std::string, Deviation> d = {
      {"err-create_pipeline-duplicate",
       {std::vector<nlohmann::json>{},
        "Creating connector for source: github\nPipeline name: my_github_pipeline\nConnection name: my_github_conn\n"
        "Using repo: https://github.com/databrickslabs/lakeflow-community-connectors.git\n",
        std::nullopt, "the taken repo path is seen at plan time: no mkdirs, no repo POST"}},
      {"err-create_pipeline-ps-invalid",
       {std::vector<nlohmann::json>{},
        "Creating connector for source: github\nPipeline name: p_badspec\nConnection name: (from pipeline spec)\n"
        "Using repo: https://github.com/databrickslabs/lakeflow-community-connectors.git\n",
        "Error: Invalid pipeline spec: 'connection_name' is required\n"
        "Invalid pipeline spec at 'objects': 'objects' must contain at least one table\n",
        "the spec is checked before any request, and every error is reported"}},
      {"err-create_connection-duplicate",
       {std::vector<nlohmann::json>{}, std::nullopt, std::nullopt, "the existing connection is seen at plan time"}},
      {"err-update_connection-not-found",
       {std::vector<nlohmann::json>{}, std::nullopt, std::nullopt, "the missing connection is seen at plan time"}},
      {"show_pipeline",
       {std::nullopt,
        "Pipeline Status\n========================================\n  Name:   my_github_pipeline\n  ID:     <uuid>\n"
        "  State:  IDLE\n\nLatest Update:\n  Update ID:   <uuid>\n  State:       COMPLETED\n  Started:     <time>\n\n"
        "View pipeline: <host>/pipelines/<uuid>\n",
        std::nullopt, "states print as the API names them, not as Python enum reprs (PipelineState.IDLE)"}},
      {"err-show_pipeline-no-token",
       {std::nullopt, std::nullopt,
        "Error: Failed to get pipeline status: no databricks credentials configured for <host>\n",
        "a missing token is an error message, not a Python traceback"}},
      {"err-show_pipeline-bad-token",
       {std::nullopt, std::nullopt, "Error: Failed to get pipeline status: Invalid access token.\n",
        "the SDK's config dump after the message is not reproduced"}},
  };
  return d;
}

class OriginalTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(OriginalTrace, MatchesRecording) {
  const TraceVariant v = TraceVariant::load(kTraces / GetParam());
  // Updates advance with the emulated clock, so that a run started in a setup step can be
  // finished before the command (the recording server finished them at once).
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--time-scale", "1"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  const fs::path scratch = fs::path(emulator.dir()) / "scratch";
  fs::create_directories(scratch);
  for (const char* f : {"github_connector_spec.yaml", "my_config.yaml", "pipeline_spec.yaml"})
    fs::copy_file(kOriginalFixtures / f, scratch / f);
  const fs::path repoDir = fs::path(emulator.dir()) / "repo";
  fs::copy(kOriginalFixtures / "repo", repoDir, fs::copy_options::recursive);
  Environment env = emulatorEnvironment(emulator);
  for (const auto& setup : v.command.value("setup", nlohmann::json::array())) {
    auto r = runCli(setup.get<std::vector<std::string>>(), scratch, env);
    if (r.err.find("not built yet") != std::string::npos) GTEST_SKIP() << "needs the workspace providers: " << r.err;
    ASSERT_EQ(r.exit, 0) << "setup " << setup.dump() << "\n" << r.out << r.err;
  }
  ASSERT_TRUE(emulatorControl(emulator, "/__emulator/advance-clock", {{"seconds", 3600}}));
  if (v.command.contains("env"))
    for (const auto& [k, val] : v.command["env"].items())
      env[k] = val.is_null() ? std::nullopt : std::optional<std::string>(val.get<std::string>());
  const std::size_t before = logLines(emulator.requestLogPath());
  const fs::path cwd = v.command.value("cwd", "scratch") == "repo" ? repoDir : scratch;
  auto r = runCli(v.command["args"].get<std::vector<std::string>>(), cwd, env);
  if (r.err.find("not built yet") != std::string::npos) GTEST_SKIP() << "needs the workspace providers: " << r.err;

  const Deviation* dev = deviations().count(v.name) ? &deviations().at(v.name) : nullptr;
  EXPECT_EQ(r.exit, v.exitCode) << r.out << r.err;
  if (v.name == "help") {
    // Ours lists more commands; every command of the original must be there.
    for (const char* c : {"create_pipeline", "run_pipeline", "show_pipeline", "create_connection", "update_connection"})
      EXPECT_NE(r.out.find(c), std::string::npos) << c;
  } else {
    const std::string expectedOut = dev && dev->stdoutText ? *dev->stdoutText : normaliseOutput(v.stdoutText);
    const std::string expectedErr = dev && dev->stderrText ? *dev->stderrText : normaliseOutput(v.stderrText);
    EXPECT_EQ(normaliseOutput(r.out), expectedOut);
    EXPECT_EQ(normaliseOutput(r.err), expectedErr);
  }
  std::vector<nlohmann::json> expected;
  if (dev && dev->requests) {
    expected = *dev->requests;
  } else {
    for (const auto& q : v.requests) expected.push_back({{"method", q["method"]}, {"path", q["path"]}, {"body", q["body"]}});
  }
  auto actual = mutatingRequests(emulator.requestLogPath(), before);
  decodeImports(actual, emulator.statePath());
  ASSERT_EQ(actual.size(), expected.size()) << nlohmann::json(actual).dump(1);
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i], maskedLike(expected[i], actual[i])) << "request " << i;
    // The masked option values, as the emulator stored them.
    const std::string path = actual[i]["path"];
    if (path.rfind("/api/2.1/unity-catalog/connections", 0) == 0 && expected[i]["body"].contains("options")) {
      EXPECT_EQ(storedOptions(emulator.statePath(), expected[i]["body"]["name"]), expected[i]["body"]["options"]);
    }
  }
}

std::vector<std::string> variants() { return variantsIn(kTraces); }

INSTANTIATE_TEST_SUITE_P(Traces, OriginalTrace, ::testing::ValuesIn(variants()),
                         [](const auto& info) { return variantTestName(info.param); });

TEST(OriginalTraces, AllTwentySixVariantsArePresent) { EXPECT_EQ(variants().size(), 26u); }

}  // namespace
}  // namespace cc::e2e
