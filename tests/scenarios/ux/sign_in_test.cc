// Credentials users already have: a profile chosen with -p, a config file named by
// DATABRICKS_CONFIG_FILE, and a session of `databricks auth login` (a fake `databricks` on PATH
// that prints the emulator's token the way `databricks auth token` does). The CLI runs plan
// against the emulator with nothing else configured.
#include <gtest/gtest.h>

#include "support/emulator_process.h"
#include "ux_runner.h"

namespace cc::ux_test {
namespace {

using test_support::EmulatorProcess;

class SignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(emulator_.ok()) << emulator_.error();
    dir_ = scratch(emulator_, "sign-in");
    fs::create_directories(dir_ / "bin");
    fs::copy_file(fs::path(CC_SOURCE_DIR) / "examples/minimal.yaml", dir_ / "connectors.yaml",
                  fs::copy_options::overwrite_existing);
    env_ = emulatorEnvironment(emulator_);
    env_["DATABRICKS_HOST"] = std::nullopt;
    env_["DATABRICKS_TOKEN"] = std::nullopt;
    env_["GITHUB_TOKEN"] = "ghp_sign_in_test";
    env_["PATH"] = (dir_ / "bin").string() + ":/usr/bin:/bin";
    env_["DATABRICKS_CONFIG_FILE"] = (dir_ / "cfg").string();
  }

  void writeConfig(const std::string& text) { writeText(dir_ / "cfg", text); }

  // `databricks auth token --host H` as the real CLI answers it; the arguments are logged.
  void installFakeDatabricksCli() {
    const fs::path cli = dir_ / "bin" / "databricks";
    writeText(cli, "#!/bin/sh\necho \"$*\" >> '" + (dir_ / "cli.log").string() +
                       "'\nprintf '{\"access_token\":\"" + emulator_.token() +
                       "\",\"token_type\":\"Bearer\",\"expiry\":\"%s\"}' \"$(date -u -d '+1 hour' "
                       "+%Y-%m-%dT%H:%M:%SZ)\"\n#" + std::string(1u << 20, 'x') + "\n");  // past 1 MB: not the legacy CLI
    fs::permissions(cli, fs::perms::owner_all);
  }

  EmulatorProcess emulator_{CC_EMULATOR_BINARY};
  fs::path dir_;
  Environment env_;
};

TEST_F(SignInTest, ShortProfileFlagChoosesTheProfileOfTheNamedConfigFile) {
  writeConfig("[DEFAULT]\nhost = https://default.invalid\ntoken = dapi-default\n\n[dev]\nhost = " + emulator_.url() +
              "\ntoken = " + emulator_.token() + "\n");
  auto described = runCli({"-p", "dev", "auth", "describe"}, dir_, env_);
  ASSERT_EQ(described.exit, 0) << described.err;
  EXPECT_NE(described.out.find("profile:   dev (" + (dir_ / "cfg").string() + ")"), std::string::npos) << described.out;
  auto plan = runCli({"-p", "dev", "plan"}, dir_, env_);
  EXPECT_EQ(plan.exit, 0) << plan.err;
  EXPECT_NE(plan.out.find("to create"), std::string::npos) << plan.out;
}

TEST_F(SignInTest, AProfileOfDatabricksAuthLoginNeedsNothingElse) {
  installFakeDatabricksCli();
  writeConfig("[DEFAULT]\nhost = " + emulator_.url() + "\nauth_type = databricks-cli\n");
  auto described = runCli({"auth", "describe"}, dir_, env_);
  ASSERT_EQ(described.exit, 0) << described.err;
  EXPECT_NE(described.out.find("auth type: databricks-cli"), std::string::npos) << described.out;
  EXPECT_NE(described.out.find("helper:    " + (dir_ / "bin" / "databricks").string()), std::string::npos)
      << described.out;
  auto plan = runCli({"plan"}, dir_, env_);
  EXPECT_EQ(plan.exit, 0) << plan.err;
  EXPECT_EQ(readText(dir_ / "cli.log"), "auth token --host " + emulator_.url() + "\n");
  EXPECT_EQ(plan.out.find(emulator_.token()), std::string::npos);
  EXPECT_EQ(plan.err.find(emulator_.token()), std::string::npos);
}

TEST_F(SignInTest, WithNoCredentialsTheErrorNamesWhatWasTriedAndHowToSignIn) {
  env_["DATABRICKS_HOST"] = emulator_.url();
  auto plan = runCli({"plan"}, dir_, env_);
  EXPECT_EQ(plan.exit, 1);
  EXPECT_NE(plan.err.find("no databricks credentials configured for " + emulator_.url()), std::string::npos)
      << plan.err;
  EXPECT_NE(plan.err.find("databricks CLI on PATH: not found"), std::string::npos) << plan.err;
  EXPECT_NE(plan.err.find("databricks auth login --host HOST"), std::string::npos) << plan.err;
}

}  // namespace
}  // namespace cc::ux_test
