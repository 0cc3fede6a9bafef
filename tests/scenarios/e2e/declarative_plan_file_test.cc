// `plan -o FILE` then `apply FILE`: applied exactly; refused when the workspace changed in
// between (naming the resource) or when the file was edited; never a secret in the file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "declarative_support.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;

class DeclarativePlanFile : public DeclarativeTest {
 protected:
  void SetUp() override { startEmulator(); }
};

TEST_F(DeclarativePlanFile, AppliesExactlyTheSavedPlan) {
  auto plan = cli({"plan", "-f", "one.yaml", "-o", "plan.json"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  const std::string saved = readText(work_ / "plan.json");
  EXPECT_EQ(saved.find(kSentinelSecret), std::string::npos) << "secret in the plan file";
  auto applied = cli({"apply", "plan.json"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_TRUE(connection("gh_conn"));
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh_ingest"});
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", "--detailed-exitcode"}).exit, 0);
}

TEST_F(DeclarativePlanFile, RefusesAStalePlanNamingTheResource) {
  ASSERT_EQ(cli({"apply", "-f", "one.yaml", "--auto-approve"}).exit, 0);
  ASSERT_EQ(cli({"plan", "-f", "one.yaml", "--var", "schema=github_bronze", "-o", "plan.json"}).exit, 0);
  // Someone edits the pipeline between plan and apply.
  const std::string id = pipelineId("gh_ingest");
  auto spec = api_->getPipeline(id).value()["spec"];
  spec["development"] = !spec.value("development", false);
  ASSERT_TRUE(api_->editPipeline(id, spec).ok());

  const std::size_t mark = logLines(log());
  // The plan file holds the manifest's digest with its variables: they are given again.
  auto refused = cli({"apply", "plan.json", "--var", "schema=github_bronze"});
  EXPECT_EQ(refused.exit, 1) << refused.out;
  EXPECT_THAT(refused.err, HasSubstr("stale"));
  EXPECT_THAT(refused.err, HasSubstr("pipeline.gh_ingest"));
  for (const auto& r : mutatingSince(mark))  // only the lock file may be written
    EXPECT_THAT(r["path"].get<std::string>(), HasSubstr("/api/2.0/workspace/")) << r.dump();
  EXPECT_NE(api_->getPipeline(id).value()["spec"].value("target", ""), "github_bronze");
}

TEST_F(DeclarativePlanFile, RefusesAnEditedPlanFile) {
  ASSERT_EQ(cli({"plan", "-f", "one.yaml", "-o", "plan.json"}).exit, 0);
  std::string text = readText(work_ / "plan.json");
  const auto at = text.find("github_raw");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 10, "github_evil");
  std::ofstream(work_ / "plan.json", std::ios::trunc) << text;
  const std::size_t mark = logLines(log());
  auto refused = cli({"apply", "plan.json"});
  EXPECT_EQ(refused.exit, 1);
  EXPECT_THAT(refused.err, HasSubstr("checksum"));
  EXPECT_TRUE(mutatingSince(mark).empty());
  EXPECT_TRUE(pipelineNames().empty());
}

TEST_F(DeclarativePlanFile, DebugOutputNeverShowsTheSecret) {
  auto plan = cli({"--debug", "plan", "-f", "one.yaml", "-o", "plan.json"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  EXPECT_THAT(plan.err, HasSubstr("GET"));  // --debug did log the exchanges
  auto applied = cli({"--debug", "apply", "plan.json"});
  ASSERT_EQ(applied.exit, 0) << applied.err;
  EXPECT_THAT(applied.err, HasSubstr("POST"));
  EXPECT_EQ(readText(work_ / "plan.json").find(kSentinelSecret), std::string::npos);
  // The secret did reach the workspace (the emulator stores options as sent).
  EXPECT_NE(readText(emulator_->statePath()).find(kSentinelSecret), std::string::npos);
}

TEST_F(DeclarativePlanFile, TerraformsOutSpellingSavesThePlanWhereItSays) {
  for (const std::vector<std::string>& spelling : {std::vector<std::string>{"-out=tf-plan.json"}, {"-out", "tf-plan.json"}}) {
    std::vector<std::string> args = {"plan", "-f", "one.yaml"};
    args.insert(args.end(), spelling.begin(), spelling.end());
    auto plan = cli(args);
    ASSERT_EQ(plan.exit, 0) << plan.err;
    EXPECT_TRUE(fs::exists(work_ / "tf-plan.json")) << spelling[0];
    EXPECT_FALSE(fs::exists(work_ / "ut=tf-plan.json"));
    fs::remove(work_ / "tf-plan.json");
  }
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_F(DeclarativePlanFile, QuietPrintsTheSummaryLineAndFailuresOnly) {
  auto plan = cli({"--quiet", "plan", "-f", "one.yaml"});
  ASSERT_EQ(plan.exit, 0) << plan.err;
  ASSERT_EQ(linesOf(plan.out).size(), 1u) << plan.out;
  EXPECT_EQ(plan.out.rfind("Plan: ", 0), 0u) << plan.out;

  auto applied = cli({"--quiet", "apply", "-f", "one.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_EQ(applied.out.find("\n\n"), std::string::npos) << "no blank lines:\n" << applied.out;
  EXPECT_EQ(applied.out.find("creating"), std::string::npos) << applied.out;
  EXPECT_EQ(linesOf(applied.out).back().rfind("Apply complete: ", 0), 0u) << applied.out;

  auto again = cli({"--quiet", "apply", "-f", "one.yaml", "--auto-approve"});
  ASSERT_EQ(linesOf(again.out).size(), 1u) << again.out;
  EXPECT_EQ(again.out.rfind("Plan: 0 to create", 0), 0u) << again.out;
}

TEST_F(DeclarativePlanFile, ADumbTerminalGetsNoColour) {
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "script(1) gives the CLI a terminal";
  const std::string command = std::string("'") + CC_CLI_BINARY + "' plan -f one.yaml";
  auto onTerminal = [&](const char* term) {
    Environment e = env_;
    e["NO_COLOR"] = std::nullopt;
    e["TERM"] = term;
    return test_support::runChild("/usr/bin/script", {"-qec", command, "/dev/null"}, work_, e);
  };
  auto colour = onTerminal("xterm");
  EXPECT_NE(colour.out.find("\x1b["), std::string::npos) << "a terminal gets colour (the check below can fail)";
  auto dumb = onTerminal("dumb");
  EXPECT_EQ(dumb.out.find("\x1b["), std::string::npos) << dumb.out;
  EXPECT_NE(dumb.out.find("+ connection gh_conn"), std::string::npos) << dumb.out;
}

}  // namespace
}  // namespace cc::e2e
