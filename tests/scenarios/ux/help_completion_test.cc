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

TEST(HelpTest, TheOriginalCommandsAndAuthDescribeShowTheirOwnExamples) {
  const fs::path dir = tempDir("original_help");
  for (const std::string cmd : {"create_pipeline", "run_pipeline", "show_pipeline", "create_connection",
                                "update_connection", "update_pipeline", "delete_pipeline", "delete_connection",
                                "upload", "publish", "unpublish"}) {
    auto r = runCli({cmd, "--help"}, dir);
    EXPECT_EQ(r.exit, 0) << cmd << ": " << r.err;
    const auto examples = r.out.find("\nExamples:\n  community-connector " + cmd + " ");
    EXPECT_NE(examples, std::string::npos) << cmd << " --help has no examples of itself:\n" << r.out;
    EXPECT_NE(r.out.find("--format [text|json]"), std::string::npos) << cmd << ":\n" << r.out;
    for (std::size_t start = examples == std::string::npos ? r.out.size() : examples + 1, end; start < r.out.size();
         start = end + 1) {
      end = r.out.find('\n', start);
      EXPECT_LE(end - start, 78u) << cmd << ": " << r.out.substr(start, end - start);  // Click's width
    }
  }
  auto auth = runCli({"auth", "describe", "--help"}, dir);
  EXPECT_EQ(auth.exit, 0) << auth.err;
  EXPECT_NE(auth.out.find("Examples:\n  community-connector auth describe"), std::string::npos) << auth.out;
  EXPECT_NE(auth.out.find("--format"), std::string::npos) << auth.out;
  fs::remove_all(dir);
}

TEST(HelpTest, TheCommandsThisToolAddedAreSaidToBeItsAdditions) {
  const fs::path dir = tempDir("additions");
  auto top = runCli({"--help"}, dir);
  EXPECT_EQ(top.out.find("the original tool's delete_pipeline"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("the original tool's create_pipeline"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("the original tool's update_pipeline"), std::string::npos) << top.out;
  EXPECT_NE(runCli({"update_pipeline", "--help"}, dir).out.find("Today's original tool has it"), std::string::npos);
  for (const std::string cmd : {"delete_pipeline", "delete_connection"}) {
    auto r = runCli({cmd, "--help"}, dir);
    EXPECT_NE(r.out.find("Not in the original tool: added by community-connector."), std::string::npos) << cmd << r.out;
  }
  EXPECT_NE(runCli({"delete_connection", "--help"}, dir).out.find("--force"), std::string::npos);
  EXPECT_NE(top.out.find("delete_pipeline and delete_connection are this tool's additions"),
            std::string::npos) << top.out;
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

TEST_F(CompletionTest, BashCompletesTheOriginalCommandsTheirAliasesAndFlags) {
  EXPECT_EQ(complete("community-connector create"),
            "create_pipeline\ncreate-pipeline\ncreate_connection\ncreate-connection\n");
  EXPECT_EQ(complete("community-connector delete-c"), "delete-connection\n");
  const std::string flags = complete("community-connector create-pipeline -");
  for (const char* flag : {"-n", "--connection-name", "-ps", "--pipeline-spec", "--config", "--format", "--help"})
    EXPECT_NE(flags.find(std::string(flag) + "\n"), std::string::npos) << flag << " missing:\n" << flags;
  EXPECT_EQ(complete("community-connector run_pipeline --f"), "--full-refresh\n--format\n");
  EXPECT_EQ(complete("community-connector delete_connection --fo"), "--force\n--format\n");
  EXPECT_EQ(complete("community-connector unp"), "unpublish\n");
  const std::string upload = complete("community-connector upload -");
  for (const char* flag : {"-v", "--volume-path", "--wheel", "--framework-wheel", "--skip-framework", "--source-dir",
                           "--keep-wheel", "--format"})
    EXPECT_NE(upload.find(std::string(flag) + "\n"), std::string::npos) << flag << " missing:\n" << upload;
  EXPECT_EQ(complete("community-connector publish --o"), "--overwrite\n");
}

TEST_F(CompletionTest, BashOffersEachCommandsOwnFormatsAndTheShells) {
  const std::pair<const char*, const char*> cases[] = {
      {"validate --format ''", "text\njson\n"},      {"plan --format ''", "text\njson\nmarkdown\n"},
      {"apply --format ''", "text\njson\n"},         {"destroy --format j", "json\n"},
      {"import --format ''", "text\njson\n"},        {"auth describe --format ''", "text\njson\n"},
      {"show_pipeline --format ''", "text\njson\n"}, {"update-connection --format ''", "text\njson\n"},
      {"completion ''", "bash\nzsh\n"}};
  for (const auto& [words, offered] : cases)
    EXPECT_EQ(complete(std::string("community-connector ") + words), offered) << words;
  EXPECT_NE(complete("community-connector auth describe -").find("--file\n"), std::string::npos);
}

TEST_F(CompletionTest, BashCompletesFlagsAfterGlobalOptionsWithValues) {
  const std::string afterProfile = complete("community-connector --profile prod plan --d");
  EXPECT_NE(afterProfile.find("--detailed-exitcode"), std::string::npos) << afterProfile;
  EXPECT_EQ(complete("community-connector --host https://h --debug validate --format ''"), "text\njson\n");
  EXPECT_EQ(complete("community-connector --retry-timeout 30s --no-color im"), "import\n");
}

// The zsh script run in a real zsh, outside the completion system: compadd and _describe are
// replaced by functions that print what they were given.
TEST(ZshCompletionTest, ZshCompletesCommandsFlagsAndFormats) {
  const fs::path dir = tempDir("zsh_run");
  const char* zsh = fs::exists("/bin/zsh") ? "/bin/zsh" : "/usr/bin/zsh";
  if (!fs::exists(zsh)) {
    fs::remove_all(dir);
    GTEST_SKIP() << "zsh is not installed";
  }
  auto r = runCli({"completion", "zsh"}, dir);
  ASSERT_EQ(r.exit, 0);
  writeText(dir / "cc.zsh", r.out);
  auto complete = [&](const std::string& words) {
    const std::string script =
        "compdef() { :; }; compadd() { [[ $1 == -- ]] && shift; print -l -- \"$@\"; }; "
        "_describe() { print -l -- \"${(@)${(P)2}%%:*}\"; }; _files() { print FILES; }; "
        "source ./cc.zsh; words=(" + words + "); CURRENT=${#words}; _community_connector";
    auto out = run(zsh, {"-f", "-c", script}, dir);
    EXPECT_EQ(out.exit, 0) << out.err;
    return out.out;
  };
  EXPECT_NE(complete("community-connector ''").find("create-pipeline\n"), std::string::npos);
  EXPECT_EQ(complete("community-connector validate --format ''"), "text\njson\n");
  EXPECT_EQ(complete("community-connector plan --format ''"), "text\njson\nmarkdown\n");
  EXPECT_NE(complete("community-connector --profile prod plan ''").find("--detailed-exitcode\n"), std::string::npos);
  EXPECT_NE(complete("community-connector create-pipeline ''").find("--pipeline-spec\n"), std::string::npos);
  EXPECT_NE(complete("community-connector completion ''").find("zsh\n"), std::string::npos);
  fs::remove_all(dir);
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
