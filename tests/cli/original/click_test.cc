// The Click grammar of the original tool's commands: what parses, and the exact usage errors.
#include "cli/original/click.h"

#include <gtest/gtest.h>

#include "cli/original/command_specs.h"

namespace cc::cli {
namespace {

bool noFiles(const std::string&) { return false; }
bool allFiles(const std::string&) { return true; }

ClickOutcome parse(const std::string& command, std::vector<std::string> args, bool files = true) {
  return parseClick(*originalCommand(command), args, kOriginalProgram, files ? allFiles : noFiles);
}

TEST(OriginalClick, ParsesTwoLetterShortOptionAsOneOption) {
  auto r = parse("create_pipeline", {"github", "p", "-ps", "{}", "-n", "conn"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed) << r.text;
  EXPECT_EQ(r.parse.arguments, (std::vector<std::string>{"github", "p"}));
  EXPECT_EQ(r.parse.value("pipeline_spec"), "{}");
  EXPECT_EQ(r.parse.value("connection_name"), "conn");
}

TEST(OriginalClick, AcceptsEqualsAttachedAndInterspersedForms) {
  auto r = parse("create_pipeline", {"-nconn", "github", "--catalog=cat", "p", "-ps={}", "--target", "t"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed) << r.text;
  EXPECT_EQ(r.parse.value("connection_name"), "conn");
  EXPECT_EQ(r.parse.value("catalog"), "cat");
  EXPECT_EQ(r.parse.value("pipeline_spec"), "{}");
  EXPECT_EQ(r.parse.value("target"), "t");
  EXPECT_EQ(r.parse.arguments, (std::vector<std::string>{"github", "p"}));
}

TEST(OriginalClick, ARepeatedOptionKeepsEveryValueInOrder) {
  auto r = parse("publish", {"github", "-p", "a.whl", "--package=b.whl", "-pc.whl", "--overwrite"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed) << r.text;
  EXPECT_EQ(r.parse.all("package"), (std::vector<std::string>{"a.whl", "b.whl", "c.whl"}));
  EXPECT_EQ(r.parse.value("package"), "c.whl");
  EXPECT_TRUE(r.parse.all("volume_path").empty());
  EXPECT_TRUE(r.parse.flag("overwrite"));
}

TEST(OriginalClick, UploadNeedsItsVolumePath) {
  auto r = parse("upload", {"github"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Missing option '-v' / '--volume-path'."), std::string::npos) << r.text;
}

TEST(OriginalClick, ShortOptionWithEqualsKeepsTheEqualsSignAsClickDoes) {
  auto r = parse("create_pipeline", {"github", "p", "-n=conn"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed);
  EXPECT_EQ(r.parse.value("connection_name"), "=conn");
}

TEST(OriginalClick, DoubleDashEndsOptions) {
  auto r = parse("run_pipeline", {"--", "--full-refresh"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed);
  EXPECT_EQ(r.parse.arguments[0], "--full-refresh");
  EXPECT_FALSE(r.parse.flag("full_refresh"));
}

TEST(OriginalClick, MissingRequiredOptionIsUsageErrorWithHint) {
  auto r = parse("create_connection", {"github", "conn"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_EQ(r.text,
            "Usage: community-connector create_connection [OPTIONS] SOURCE_NAME CONNECTION_NAME\n"
            "Try 'community-connector create_connection --help' for help.\n\n"
            "Error: Missing option '-o' / '--options'.\n");
}

TEST(OriginalClick, MissingArgumentsAreReportedBeforeOptionsNotGiven) {
  auto r = parse("create_connection", {"github"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Missing argument 'CONNECTION_NAME'.\n"), std::string::npos);
}

TEST(OriginalClick, ConfigMustExist) {
  auto r = parse("create_pipeline", {"github", "p", "-n", "c", "-f", "nope.yaml"}, false);
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Invalid value for '-f' / '--config': Path 'nope.yaml' does not exist.\n"),
            std::string::npos);
}

TEST(OriginalClick, GivenOptionsAreCheckedBeforeMissingArguments) {
  auto r = parse("create_pipeline", {"-f", "nope.yaml"}, false);
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Path 'nope.yaml' does not exist"), std::string::npos);
}

TEST(OriginalClick, UnknownLongOptionSuggestsCloseOne) {
  auto r = parse("run_pipeline", {"p", "--full-refres"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: No such option: --full-refres Did you mean --full-refresh?\n"), std::string::npos);
}

TEST(OriginalClick, UnknownShortOption) {
  auto r = parse("run_pipeline", {"p", "-x"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: No such option: -x\n"), std::string::npos);
}

TEST(OriginalClick, OptionWithoutValue) {
  auto r = parse("create_pipeline", {"github", "p", "-n"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Option '-n' requires an argument.\n"), std::string::npos);
}

TEST(OriginalClick, FlagWithValue) {
  auto r = parse("run_pipeline", {"p", "--full-refresh=yes"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Option '--full-refresh' does not take a value.\n"), std::string::npos);
}

TEST(OriginalClick, ExtraArguments) {
  auto r = parse("run_pipeline", {"p", "q", "r"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Got unexpected extra arguments (q r)\n"), std::string::npos);
}

TEST(OriginalClick, SchemaIsASecondLongNameOfTargetAndWorkspaceFlagParses) {
  auto r = parse("create_pipeline", {"github", "p", "-n", "c", "--schema", "raw", "--use-workspace-pipeline"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed) << r.text;
  EXPECT_EQ(r.parse.value("target"), "raw");
  EXPECT_TRUE(r.parse.flag("use_workspace_pipeline"));
  auto plain = parse("create_pipeline", {"github", "p", "-n", "c"});
  ASSERT_EQ(plain.kind, ClickOutcome::Kind::Parsed);
  EXPECT_FALSE(plain.parse.flag("use_workspace_pipeline"));
}

TEST(OriginalClick, UpdatePipelineTakesTheManagedFormsOptions) {
  auto r = parse("update_pipeline", {"p", "-ps", "s.yaml", "-s", "github", "-n", "c", "-c", "cat", "--target", "raw",
                                     "-v", "/Volumes/a/b/c", "-p", "a.whl", "-p", "b.whl", "-f", "today.yaml"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed) << r.text;
  EXPECT_EQ(r.parse.value("source_name"), "github");
  EXPECT_EQ(r.parse.value("connection_name"), "c");
  EXPECT_EQ(r.parse.value("catalog"), "cat");
  EXPECT_EQ(r.parse.value("target"), "raw");
  EXPECT_EQ(r.parse.value("volume_path"), "/Volumes/a/b/c");
  EXPECT_EQ(r.parse.all("package"), (std::vector<std::string>{"a.whl", "b.whl"}));
  EXPECT_EQ(r.parse.value("config"), "today.yaml");
  EXPECT_FALSE(r.parse.flag("use_workspace_pipeline"));
  auto schema = parse("update_pipeline", {"p", "-ps", "s.yaml", "--schema", "raw", "--use-workspace-pipeline"});
  ASSERT_EQ(schema.kind, ClickOutcome::Kind::Parsed) << schema.text;
  EXPECT_EQ(schema.parse.value("target"), "raw");
  EXPECT_TRUE(schema.parse.flag("use_workspace_pipeline"));
  // -ps stays required in both forms; the config file must exist.
  EXPECT_EQ(parse("update_pipeline", {"p", "-s", "github"}).kind, ClickOutcome::Kind::UsageError);
  EXPECT_EQ(parse("update_pipeline", {"p", "-ps", "s.yaml", "-f", "none.yaml"}, false).kind,
            ClickOutcome::Kind::UsageError);
}

TEST(OriginalClick, CreatePipelineUseLocalSourceIsAFlag) {
  for (const char* spelling : {"-u", "--use-local-source"}) {
    auto r = parse("create_pipeline", {"github", "p", "-n", "c", spelling});
    ASSERT_EQ(r.kind, ClickOutcome::Kind::Parsed) << r.text;
    EXPECT_TRUE(r.parse.flag("use_local_source"));
  }
  EXPECT_FALSE(parse("create_pipeline", {"github", "p", "-n", "c"}).parse.flag("use_local_source"));
}

TEST(OriginalClick, ChoiceIsChecked) {
  auto r = parse("show_pipeline", {"p", "--format", "xml"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: Invalid value for '--format': 'xml' is not one of 'text', 'json'.\n"),
            std::string::npos);
}

TEST(OriginalClick, HelpWinsOverMissingArgumentsAndListsOptions) {
  auto r = parse("create_pipeline", {"--help"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Help);
  EXPECT_EQ(r.text.rfind("Usage: community-connector create_pipeline [OPTIONS] SOURCE_NAME PIPELINE_NAME\n\n", 0), 0u);
  for (const char* name : {"-n, --connection-name TEXT", "-ps, --pipeline-spec TEXT", "-c, --catalog TEXT",
                           "-t, --target, --schema TEXT", "-f, --config PATH", "--use-workspace-pipeline", "--help"})
    EXPECT_NE(r.text.find(name), std::string::npos) << name;
  // Click's two-column layout: descriptions start in one column, lines fit 78 columns.
  size_t start = 0;
  while (start < r.text.size()) {
    size_t end = r.text.find('\n', start);
    EXPECT_LE(end - start, 78u) << r.text.substr(start, end - start);
    start = end + 1;
  }
}

TEST(OriginalClick, RequiredOptionMarkedInHelp) {
  auto r = parse("create_connection", {"--help"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::Help);
  EXPECT_NE(r.text.find("[required]"), std::string::npos);
}

TEST(OriginalClick, CloseMatchesFollowDifflib) {
  // Expected lists are Python's difflib.get_close_matches on the same input.
  const std::vector<std::string> names = {"--connection-name", "--pipeline-spec", "--repo-url", "--catalog",
                                          "--target", "--config", "--help"};
  EXPECT_EQ(closeMatches("--full", {"--full-refresh", "--help", "--wait"}), (std::vector<std::string>{"--full-refresh"}));
  EXPECT_TRUE(closeMatches("--ful", {"--full-refresh", "--help", "--wait"}).empty());
  EXPECT_EQ(closeMatches("--con", names), (std::vector<std::string>{"--config"}));
  EXPECT_EQ(closeMatches("--connection", names), (std::vector<std::string>{"--connection-name", "--config"}));
  EXPECT_EQ(closeMatches("--tag", names), (std::vector<std::string>{"--target", "--catalog"}));
  EXPECT_TRUE(closeMatches("--c", names).empty());
}

TEST(OriginalClick, SeveralSuggestionsAreListedSorted) {
  auto r = parse("create_pipeline", {"github", "p", "--connection", "x"});
  ASSERT_EQ(r.kind, ClickOutcome::Kind::UsageError);
  EXPECT_NE(r.text.find("Error: No such option: --connection (Possible options: --config, --connection-name)\n"),
            std::string::npos) << r.text;
}

}  // namespace
}  // namespace cc::cli
