// A sentinel hidden in a connection option (through ${env.X}), the token and the OAuth client
// secret must never come out: not in stdout/stderr of any command (validate, plan in every
// format, plan -o, apply, apply PLANFILE, destroy, --debug, auth describe, failed auth, server
// errors, the original commands) and not in any file the tool writes. The emulator's state file
// stores options as sent and is excluded; its request log must mask them.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_process.h"

namespace cc::reliability {
namespace {

constexpr const char* kSentinel = "S3NT1NEL";
const std::string kToken = std::string("dapi-") + kSentinel + "-token";
const std::string kClientSecret = std::string(kSentinel) + "-client-secret";
const std::string kOption = std::string(kSentinel) + "-option";

const char* kSentinelManifest = R"(version: 1
connections:
  sentinel_conn:
    source: github
    options:
      token: ${env.CC_SENTINEL_OPTION}
      base_url: https://api.github.com
pipelines:
  sentinel_pipe:
    source: github
    connection: sentinel_conn
    objects:
      - table: { source_table: issues }
)";

// The same value landing outside connection options (a comment, a tag, a table option that
// ends up in ingest.py): sensitive wherever it lands.
const char* kLeakyManifest = R"(version: 1
connections:
  leaky_conn:
    source: github
    comment: "owner ${env.CC_SENTINEL_OPTION}"
    options:
      base_url: https://api.github.com
pipelines:
  leaky_pipe:
    source: github
    connection: leaky_conn
    objects:
      - table: { source_table: issues, table_configuration: { label: "${env.CC_SENTINEL_OPTION}" } }
    pipeline:
      tags: { owner: "${env.CC_SENTINEL_OPTION}" }
      configuration: { "spark.note": "x-${env.CC_SENTINEL_OPTION}" }
)";

// A literal secret in the manifest: an error path that must not echo the value.
const std::string kLiteralManifest = std::string(R"(version: 1
connections:
  literal_conn:
    source: github
    options:
      token: )") + kSentinel + "-literal\n";

class SecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(emulator_.ok()) << emulator_.error();
    fs::create_directories(work_.path() / "home");
    writeText(work_.path() / "connectors.yaml", kSentinelManifest);
    writeText(work_.path() / "literal.yaml", kLiteralManifest);
    writeText(work_.path() / "leaky.yaml", kLeakyManifest);
  }

  Environment tokenEnv(const std::string& token) const {
    Environment env = emulatorEnvironment(emulator_);
    env["HOME"] = (work_.path() / "home").string();
    env["DATABRICKS_TOKEN"] = token;
    env["CC_SENTINEL_OPTION"] = kOption;
    return env;
  }
  Environment oauthEnv(const std::string& secret) const {
    Environment env = tokenEnv("");
    env["DATABRICKS_TOKEN"] = std::nullopt;
    env["DATABRICKS_CLIENT_ID"] = "sentinel-client";
    env["DATABRICKS_CLIENT_SECRET"] = secret;
    return env;
  }

  // Runs and checks the output; returns the result for further assertions.
  RunResult run(const std::vector<std::string>& args, const Environment& env, const std::string& label) {
    RunResult r = runCli(args, work_.path(), env);
    ++commands_;
    EXPECT_EQ(crashSign(r), std::nullopt) << label << "\n" << r.all();
    EXPECT_EQ(r.all().find(kSentinel), std::string::npos) << label << " printed the secret:\n" << r.all();
    return r;
  }

  // Every file under `root` except `skip`: none may contain the sentinel.
  void expectNoFileHolds(const fs::path& root, const fs::path& skip = {}) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path() == skip) continue;
      EXPECT_EQ(readText(entry.path()).find(kSentinel), std::string::npos) << entry.path() << " holds the secret";
      ++filesScanned_;
    }
  }

  test_support::EmulatorProcess emulator_{CC_EMULATOR_BINARY,
                                          {"--token", kToken, "--client", "sentinel-client:" + kClientSecret}};
  TempDir work_;
  int commands_ = 0;
  int filesScanned_ = 0;
};

TEST_F(SecretsTest, SentinelAppearsInNoOutputAndNoFile) {
  const Environment env = tokenEnv(kToken);
  EXPECT_EQ(run({"validate"}, env, "validate").exit, 0);
  run({"validate", "--format", "json"}, env, "validate json");
  EXPECT_EQ(run({"plan"}, env, "plan").exit, 0);
  run({"plan", "--format", "json"}, env, "plan json");
  run({"plan", "--format", "markdown"}, env, "plan markdown");
  run({"--debug", "plan", "--detailed-exitcode"}, env, "plan --debug");
  ASSERT_EQ(run({"plan", "-o", "saved-plan.json"}, env, "plan -o").exit, 0);
  EXPECT_EQ(run({"--debug", "apply", "saved-plan.json", "--auto-approve"}, env, "apply PLANFILE --debug").exit, 0);
  EXPECT_EQ(run({"--debug", "apply", "--auto-approve"}, env, "apply (no-op) --debug").exit, 0);
  run({"auth", "describe"}, env, "auth describe (token)");
  run({"auth", "describe"}, oauthEnv(kClientSecret), "auth describe (oauth)");
  EXPECT_EQ(run({"--debug", "plan"}, oauthEnv(kClientSecret), "plan over oauth --debug").exit, 0);

  // Error paths: wrong token, wrong client secret, a literal secret in the manifest.
  EXPECT_EQ(run({"--debug", "plan"}, tokenEnv(kToken + "-wrong"), "plan bad token").exit, 1);
  EXPECT_EQ(run({"--debug", "apply", "--auto-approve"}, oauthEnv(kClientSecret + "-wrong"), "apply bad secret").exit, 1);
  run({"create_connection", "github", "bad_conn", "-o", "{\"token\": \"" + kOption + "\", "}, env,
      "create_connection malformed options");

  // The original commands.
  const std::string options = "{\"token\": \"" + kOption + "\"}";
  run({"--debug", "create_connection", "github", "imp_conn", "-o", options}, env, "create_connection");
  run({"--debug", "update_connection", "github", "imp_conn", "-o", options}, env, "update_connection");
  run({"--debug", "create_connection", "github", "imp_conn", "-o", options}, env, "create_connection exists");
  run({"--debug", "create_pipeline", "github", "imp_pipe", "-n", "imp_conn"}, env, "create_pipeline");
  run({"--debug", "show_pipeline", "imp_pipe", "--format", "json"}, env, "show_pipeline");
  run({"--debug", "run_pipeline", "imp_pipe"}, env, "run_pipeline");
  run({"--debug", "delete_pipeline", "imp_pipe"}, env, "delete_pipeline");
  run({"--debug", "delete_connection", "imp_conn"}, env, "delete_connection");
  run({"--debug", "import"}, env, "import");

  // The option did reach the workspace (the state file keeps what was sent): the test would
  // notice a sentinel that never travelled.
  EXPECT_NE(readText(emulator_.statePath()).find(kOption), std::string::npos);
  EXPECT_EQ(run({"--debug", "destroy", "--auto-approve", "--allow-mass-delete"}, env, "destroy --debug").exit, 0);

  expectNoFileHolds(work_.path(), work_.path() / "literal.yaml");
  expectNoFileHolds(emulator_.dir(), emulator_.statePath());
  EXPECT_GE(commands_, 25);
  EXPECT_GE(filesScanned_, 3);
}

// The value in a comment, tags, Spark configuration and a table option: every format, the plan
// file, --debug, apply of the saved plan (which must send the real value), destroy. The
// emulator's request log is not scanned here: it logs the bodies the workspace itself shows
// to its users (a comment), which it cannot know are secret.
TEST_F(SecretsTest, ValuesFromTheEnvironmentOutsideOptionsAppearInNoOutputAndNoFile) {
  const Environment env = tokenEnv(kToken);
  const std::vector<std::string> leaky = {"-f", "leaky.yaml"};
  auto withLeaky = [&leaky](std::vector<std::string> args) {
    args.insert(args.end(), leaky.begin(), leaky.end());
    return args;
  };
  run(withLeaky({"validate"}), env, "validate leaky");
  for (const char* format : {"text", "json", "markdown"})
    EXPECT_EQ(run(withLeaky({"--debug", "plan", "--format", format}), env, std::string("plan leaky ") + format).exit, 0);
  ASSERT_EQ(run(withLeaky({"plan", "-o", "leaky-plan.json"}), env, "plan -o leaky").exit, 0);
  EXPECT_EQ(run({"--debug", "apply", "leaky-plan.json"}, env, "apply leaky PLANFILE --debug").exit, 0);
  EXPECT_EQ(run(withLeaky({"--debug", "plan", "--detailed-exitcode"}), env, "plan leaky (no-op)").exit, 0);
  EXPECT_NE(readText(emulator_.statePath()).find("owner " + kOption), std::string::npos) << "the comment was sent";
  EXPECT_EQ(run(withLeaky({"--debug", "destroy", "--auto-approve", "--allow-mass-delete"}), env, "destroy leaky").exit, 0);

  expectNoFileHolds(work_.path(), work_.path() / "literal.yaml");
  EXPECT_GE(commands_, 8);
  EXPECT_GE(filesScanned_, 2);
}

// A credential written literally in the manifest: the warning must not quote it back.
TEST_F(SecretsTest, LiteralSecretIsNotEchoedByItsWarning) {
  RunResult r = runCli({"validate", "-f", "literal.yaml"}, work_.path(), tokenEnv(kToken));
  EXPECT_EQ(crashSign(r), std::nullopt) << r.all();
  EXPECT_NE(r.all().find("literal.yaml:6"), std::string::npos) << r.all();
  EXPECT_EQ(r.all().find(kSentinel), std::string::npos) << "the warning quoted the credential:\n" << r.all();
}

// Server errors while the secret travels: every failing answer is reported without it.
TEST(SecretsUnderFaults, ServerErrorsDoNotEchoTheSecret) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--token", kToken, "--fault-rate", "0.6", "--faults",
                                                              "500,500-html,503,drop", "--seed", "7"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TempDir work;
  writeText(work.path() / "connectors.yaml", kSentinelManifest);
  Environment env = emulatorEnvironment(emulator);
  env["HOME"] = work.path().string();
  env["DATABRICKS_TOKEN"] = kToken;
  env["CC_SENTINEL_OPTION"] = kOption;
  for (int i = 0; i < 3; ++i) {
    RunResult r = runCli({"--debug", "apply", "--auto-approve"}, work.path(), env);
    EXPECT_EQ(crashSign(r), std::nullopt) << r.all();
    EXPECT_EQ(r.all().find(kSentinel), std::string::npos) << r.all();
  }
  for (const auto& entry : fs::recursive_directory_iterator(work.path())) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(readText(entry.path()).find(kSentinel), std::string::npos) << entry.path();
    }
  }
  EXPECT_EQ(readText(emulator.requestLogPath()).find(kSentinel), std::string::npos);
}

}  // namespace
}  // namespace cc::reliability
