// End to end: the real binary on manifest fixtures; stderr and exit code against golden files
// (the bad-manifest corpus, tests/support/bad_manifests.h). CC_UPDATE_GOLDEN=1 rewrites the
// goldens from the current output.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/bad_manifests.h"

namespace {

namespace fs = std::filesystem;

// A value that must never appear in any output.
constexpr const char* kSecret = "ghp_test_secret_0123456789";

const fs::path kFixtures = cc::test_support::manifestFixtures();

struct CliRun {
  int exitCode = -1;
  std::string out;
  std::string err;
};

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the binary in the fixture directory with a clean, known environment.
CliRun runCli(const std::string& args, const std::string& stdinFile = "") {
  const fs::path tmp = fs::temp_directory_path() / ("cc_cli_test_" + std::to_string(::getpid()));
  const std::string cmd = "cd " + quote(kFixtures.string()) + " && env -i PATH=/usr/bin:/bin CC_TEST_TOKEN=" + kSecret +
                          " " + quote(CC_CLI_BINARY) + " --no-color " + args +
                          (stdinFile.empty() ? " </dev/null" : " <" + quote(stdinFile)) + " >" +
                          quote(tmp.string() + ".out") + " 2>" + quote(tmp.string() + ".err");
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = readFile(tmp.string() + ".out");
  r.err = readFile(tmp.string() + ".err");
  fs::remove(tmp.string() + ".out");
  fs::remove(tmp.string() + ".err");
  return r;
}

std::vector<fs::path> fixtures(const char* dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kFixtures / dir))
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ValidateCli, BadManifestsMatchTheirGoldenStderrAndExitOne) {
  const bool update = std::getenv("CC_UPDATE_GOLDEN") != nullptr;
  const auto bad = cc::test_support::badManifests();
  ASSERT_GE(bad.size(), 90u);
  for (const auto& manifest : bad) {
    const std::string& rel = manifest.relative;
    std::string flags;
    for (const auto& arg : manifest.extraArgs) flags += " " + arg;
    CliRun r = runCli("validate -f " + rel + flags);
    const std::string actual = r.err + "[exit " + std::to_string(r.exitCode) + "]\n";
    const fs::path& golden = manifest.golden;
    if (update) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    EXPECT_EQ(r.exitCode, 1) << rel;
    EXPECT_EQ(r.out, "") << rel;
    ASSERT_TRUE(fs::exists(golden)) << "no golden for " << rel << " (run with CC_UPDATE_GOLDEN=1)";
    EXPECT_EQ(actual, readFile(golden)) << rel;
    EXPECT_EQ(actual.find(kSecret), std::string::npos) << rel;
  }
}

TEST(ValidateCli, GoodManifestsAreValid) {
  for (const auto& fixture : fixtures("good")) {
    const std::string rel = "good/" + fixture.filename().string();
    CliRun r = runCli("validate -f " + rel);
    EXPECT_EQ(r.exitCode, 0) << rel << "\n" << r.err;
    EXPECT_EQ(r.out.rfind(rel + ": valid (", 0), 0u) << r.out;
  }
  CliRun r = runCli("validate -f good/minimal.yaml");
  EXPECT_EQ(r.out, "good/minimal.yaml: valid (1 connection, 1 pipeline)\n");
  EXPECT_EQ(r.err, "");
}

TEST(ValidateCli, ExamplesValidate) {
  for (const char* example : {"minimal.yaml", "multi_source.yaml"}) {
    const fs::path path = fs::path(CC_SOURCE_DIR) / "examples" / example;
    CliRun r = runCli("validate -f " + quote(path.string()) + " --var env=prod --require-env");
    // The examples read their tokens from the environment, which this run does not set.
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("environment variable 'GITHUB_TOKEN' is not set"), std::string::npos);
    const std::string env = "env GITHUB_TOKEN=x MIXPANEL_API_SECRET=y ";
    const std::string cmd = env + quote(CC_CLI_BINARY) + " validate -f " + quote(path.string()) + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << example;
  }
}

TEST(ValidateCli, OAuthExampleValidates) {
  const fs::path path = fs::path(CC_SOURCE_DIR) / "examples" / "oauth.yaml";
  CliRun r = runCli("validate -f " + quote(path.string()) + " --require-env");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("environment variable 'GMAIL_CLIENT_SECRET' is not set"), std::string::npos) << r.err;
  const std::string cmd = "env GMAIL_CLIENT_SECRET=y " + quote(CC_CLI_BINARY) + " validate -f " + quote(path.string()) +
                          " >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

TEST(ValidateCli, JsonFormatListsEveryDiagnostic) {
  CliRun r = runCli("validate --format json -f bad/many_errors_sorted.yaml");
  EXPECT_EQ(r.exitCode, 1);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["format_version"], 1);
  EXPECT_EQ(doc["valid"], false);
  ASSERT_GE(doc["diagnostics"].size(), 5u);
  const auto& first = doc["diagnostics"][0];
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["file"], "bad/many_errors_sorted.yaml");
  EXPECT_EQ(first["line"], 1);
  EXPECT_EQ(first["column"], 10);
  int lastLine = 0;
  for (const auto& d : doc["diagnostics"]) {
    EXPECT_GE(d["line"].get<int>(), lastLine);
    lastLine = d["line"].get<int>();
  }
  CliRun ok = runCli("validate --format json -f good/minimal.yaml");
  EXPECT_EQ(ok.exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(ok.out), nlohmann::json::parse(R"({"format_version": 1, "valid": true, "diagnostics": []})"));
}

TEST(ValidateCli, ReadsStdin) {
  CliRun r = runCli("validate -f -", (kFixtures / "bad" / "version_wrong.yaml").string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err.rfind("<stdin>:1:10: error: unsupported manifest version 2", 0), 0u) << r.err;
  CliRun ok = runCli("validate -f -", (kFixtures / "good" / "minimal.yaml").string());
  EXPECT_EQ(ok.out, "<stdin>: valid (1 connection, 1 pipeline)\n");
}

TEST(ValidateCli, RefusesMissingAndOversizedFiles) {
  CliRun missing = runCli("validate -f bad/does_not_exist.yaml");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_EQ(missing.err.rfind("error: cannot read 'bad/does_not_exist.yaml'", 0), 0u) << missing.err;
  const fs::path big = fs::temp_directory_path() / ("cc_big_" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(big);
    out << "version: 1\n# " << std::string(11 * 1024 * 1024, 'x') << "\n";
  }
  CliRun r = runCli("validate -f " + quote(big.string()));
  fs::remove(big);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("is larger than 10 MiB"), std::string::npos) << r.err;
}

TEST(ValidateCli, SchemaCommandPrintsTheManifestSchema) {
  CliRun r = runCli("schema");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(readFile(fs::path(CC_SOURCE_DIR) / "schemas" / "manifest.schema.json")));
}

TEST(ValidateCli, AnUnsetEnvironmentVariableIsAWarningUnlessRequired) {
  // A pull request from a fork has no secrets: validate checks structure without them.
  CliRun lenient = runCli("validate -f bad/env_unset_two_variables.yaml");
  EXPECT_EQ(lenient.exitCode, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("warning: environment variable 'CC_TEST_UNSET_A' is not set"), std::string::npos) << lenient.err;
  EXPECT_NE(lenient.err.find("plan and apply need it"), std::string::npos) << lenient.err;
  CliRun strict = runCli("validate -f bad/env_unset_two_variables.yaml --require-env");
  EXPECT_EQ(strict.exitCode, 1) << strict.err;
}

}  // namespace
