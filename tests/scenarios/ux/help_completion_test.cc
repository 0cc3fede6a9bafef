// --help examples per command, --version/version output, and the completion scripts loading
// (and completing) in a real bash.
#include <gtest/gtest.h>

#include <cstdlib>

#include "ux_runner.h"

namespace cc::ux_test {
namespace {

fs::path tempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cc_ux_" + name + "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(HelpTest, EveryDeclarativeCommandShowsExamples) {
  const fs::path dir = tempDir("help");
  for (const std::string cmd :
       {"validate", "plan", "apply", "destroy", "show", "force-unlock", "import", "schema", "completion", "version"}) {
    auto r = runCli({cmd, "--help"}, dir);
    EXPECT_EQ(r.exit, 0) << cmd << ": " << r.err;
    EXPECT_NE(r.out.find("Examples:"), std::string::npos) << cmd << " --help has no examples:\n" << r.out;
    EXPECT_NE(r.out.find("community-connector " + cmd), std::string::npos) << cmd << ":\n" << r.out;
  }
  fs::remove_all(dir);
}

TEST(HelpTest, TheCommandsThisToolAddedAreSaidToBeItsAdditions) {
  const fs::path dir = tempDir("additions");
  auto top = runCli({"--help"}, dir);
  EXPECT_EQ(top.out.find("the original tool's delete_pipeline"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("the original tool's create_pipeline"), std::string::npos) << top.out;
  for (const std::string cmd : {"update_pipeline", "delete_pipeline", "delete_connection"}) {
    auto r = runCli({cmd, "--help"}, dir);
    EXPECT_NE(r.out.find("Not in the original tool: added by community-connector."), std::string::npos) << cmd << r.out;
  }
  EXPECT_NE(runCli({"delete_connection", "--help"}, dir).out.find("--force"), std::string::npos);
  fs::remove_all(dir);
}

TEST(VersionTest, FirstLineIsStableAndBuildInfoOnlyOnRequest) {
  const fs::path dir = tempDir("version");
  auto plain = runCli({"--version"}, dir);
  EXPECT_EQ(plain.exit, 0);
  EXPECT_EQ(plain.out, "community-connector, version 0.1.0\n");
  auto debug = runCli({"--debug", "--version"}, dir);
  EXPECT_EQ(debug.exit, 0);
  EXPECT_EQ(debug.out.rfind("community-connector, version 0.1.0\n", 0), 0u) << debug.out;
  EXPECT_GT(debug.out.size(), plain.out.size() + 3) << "no build information line";
  auto sub = runCli({"version"}, dir);
  EXPECT_EQ(sub.exit, 0);
  EXPECT_EQ(sub.out, debug.out);
  fs::remove_all(dir);
}

class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tempDir("completion");
    auto r = runCli({"completion", "bash"}, dir_);
    ASSERT_EQ(r.exit, 0) << r.err;
    writeText(dir_ / "cc.bash", r.out);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // What bash's completion offers for the words typed so far (the last one being completed).
  std::string complete(const std::string& words) {
    const std::string script = "source ./cc.bash && COMP_WORDS=(" + words +
                               ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && { _community_connector; "
                               "printf '%s\\n' \"${COMPREPLY[@]}\"; }";
    auto r = run("/bin/bash", {"--norc", "-c", script}, dir_);
    EXPECT_EQ(r.exit, 0) << r.err;
    return r.out;
  }

  fs::path dir_;
};

TEST_F(CompletionTest, BashScriptLoadsAndRegisters) {
  auto r = run("/bin/bash", {"--norc", "-c", "source ./cc.bash && complete -p community-connector"}, dir_);
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("-F _community_connector community-connector"), std::string::npos) << r.out;
}

TEST_F(CompletionTest, BashCompletesCommandsFlagsAndFormats) {
  EXPECT_EQ(complete("community-connector pl ''").find("plan"), std::string::npos)
      << "completing the third word must not offer commands";
  EXPECT_NE(complete("community-connector pl").find("plan\n"), std::string::npos);
  EXPECT_NE(complete("community-connector im").find("import\n"), std::string::npos);
  const std::string planFlags = complete("community-connector plan --d");
  EXPECT_NE(planFlags.find("--detailed-exitcode"), std::string::npos) << planFlags;
  EXPECT_EQ(complete("community-connector plan --format m"), "markdown\n");
  EXPECT_NE(complete("community-connector import --").find("--owned-only"), std::string::npos);
}

TEST(ZshCompletionTest, ScriptDeclaresCompdefAndParsesInZsh) {
  const fs::path dir = tempDir("zsh");
  auto r = runCli({"completion", "zsh"}, dir);
  ASSERT_EQ(r.exit, 0);
  EXPECT_EQ(r.out.rfind("#compdef community-connector\n", 0), 0u);
  EXPECT_NE(r.out.find("'plan:"), std::string::npos);
  writeText(dir / "_community-connector", r.out);
  if (!fs::exists("/bin/zsh") && !fs::exists("/usr/bin/zsh")) {
    fs::remove_all(dir);
    GTEST_SKIP() << "zsh is not installed; only the text was checked";
  }
  auto parsed = run(fs::exists("/bin/zsh") ? "/bin/zsh" : "/usr/bin/zsh", {"-n", "_community-connector"}, dir);
  EXPECT_EQ(parsed.exit, 0) << parsed.err;
  fs::remove_all(dir);
}

TEST(CompletionUsageTest, UnknownShellIsRefused) {
  const fs::path dir = tempDir("fish");
  auto r = runCli({"completion", "fish"}, dir);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("fish"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cc::ux_test
