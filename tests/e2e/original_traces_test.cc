// Every recorded variant of the original tool, run with our binary against the emulator: the
// mutating requests, stdout, stderr and exit code must match the recording, except for the
// deliberate differences listed in kDeviations (each with its reason, see
// docs/compatibility.md).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "support/emulator_process.h"
#include "trace_fixture.h"

namespace cc::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path kTraces = fs::path(CC_TESTS_DIR) / "fixtures" / "traces";
const fs::path kOriginal = fs::path(CC_TESTS_DIR) / "fixtures" / "original";

struct RunResult {
  int exit = -1;
  std::string out, err;
};

// Runs the CLI with `args` in `cwd` and the environment given (a null value unsets).
RunResult runCli(const std::vector<std::string>& args, const fs::path& cwd,
                 const std::map<std::string, std::optional<std::string>>& env) {
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

std::vector<nlohmann::json> mutatingRequests(const std::string& logPath, std::size_t skip) {
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

std::size_t logLines(const std::string& logPath) {
  std::istringstream lines(readText(logPath));
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line);) n += !line.empty();
  return n;
}

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
        "Error: Failed to get pipeline status: no Databricks credentials found\n",
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
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  const fs::path scratch = fs::path(emulator.dir()) / "scratch";
  fs::create_directories(scratch);
  for (const char* f : {"github_connector_spec.yaml", "my_config.yaml", "pipeline_spec.yaml"})
    fs::copy_file(kOriginal / f, scratch / f);
  const fs::path repoDir = fs::path(emulator.dir()) / "repo";
  fs::copy(kOriginal / "repo", repoDir, fs::copy_options::recursive);
  std::map<std::string, std::optional<std::string>> env = {
      {"DATABRICKS_HOST", emulator.url()},
      {"DATABRICKS_TOKEN", emulator.token()},
      {"SSL_CERT_FILE", emulator.caFile()},
      {"HOME", emulator.dir()},
      {"DATABRICKS_CONFIG_PROFILE", std::nullopt},
      {"DATABRICKS_CONFIG_FILE", emulator.dir() + "/no-databrickscfg"},
      // No test may reach the internet: spec fetches go to a closed local port.
      {"COMMUNITY_CONNECTOR_SPEC_MIRROR", "https://127.0.0.1:9"},
  };
  for (const auto& setup : v.command.value("setup", nlohmann::json::array())) {
    auto r = runCli(setup.get<std::vector<std::string>>(), scratch, env);
    if (r.err.find("not built yet") != std::string::npos) GTEST_SKIP() << "needs the workspace providers: " << r.err;
    ASSERT_EQ(r.exit, 0) << "setup " << setup.dump() << "\n" << r.out << r.err;
  }
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
  const auto actual = mutatingRequests(emulator.requestLogPath(), before);
  ASSERT_EQ(actual.size(), expected.size()) << nlohmann::json(actual).dump(1);
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_EQ(actual[i], expected[i]) << "request " << i;
}

std::vector<std::string> variants() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kTraces))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Traces, OriginalTrace, ::testing::ValuesIn(variants()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(OriginalTraces, AllTwentySixVariantsArePresent) { EXPECT_EQ(variants().size(), 26u); }

}  // namespace
}  // namespace cc::e2e
