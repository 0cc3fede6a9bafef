// The commands the original tool did not have (update_pipeline, delete_pipeline,
// delete_connection, run_pipeline --wait, show_pipeline --format json) and the plan-time
// refusals that must send nothing, run with our binary against the emulator.
#include <gtest/gtest.h>

#include "cli_runner.h"

namespace cc::e2e {
namespace {

const std::string kCreatedBody = R"({"connection_name": "c2", "objects": [{"table": {"source_table": "users"}}]})";

class OriginalCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(emulator_.ok()) << emulator_.error();
    scratch_ = fs::path(emulator_.dir()) / "scratch";
    fs::create_directories(scratch_);
    for (const char* f : {"github_connector_spec.yaml", "my_config.yaml"}) fs::copy_file(kOriginalFixtures / f, scratch_ / f);
    env_ = emulatorEnvironment(emulator_);
  }

  RunResult run(const std::vector<std::string>& args) { return runCli(args, scratch_, env_); }

  // Runs `args` and returns the mutating requests it caused.
  std::vector<nlohmann::json> runLogged(const std::vector<std::string>& args, RunResult& result) {
    const std::size_t before = logLines(emulator_.requestLogPath());
    result = run(args);
    auto requests = mutatingRequests(emulator_.requestLogPath(), before);
    decodeImports(requests, emulator_.statePath());
    return requests;
  }

  void createPipeline(const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"create_pipeline", "github", name, "-n", "my_conn"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run(args);
    ASSERT_EQ(r.exit, 0) << r.out << r.err;
  }

  void failNextUpdate() { ASSERT_TRUE(emulatorControl(emulator_, "/__emulator/fail-next-update")); }

  test_support::EmulatorProcess emulator_{CC_EMULATOR_BINARY};
  fs::path scratch_;
  Environment env_;
};

TEST_F(OriginalCommands, RunPipelineWaitFollowsTheUpdateToCompleted) {
  createPipeline("p_wait");
  auto r = run({"run_pipeline", "p_wait", "--wait"});
  EXPECT_EQ(r.exit, 0) << r.out << r.err;
  const auto queued = r.out.find("  State: QUEUED\n"), running = r.out.find("  State: RUNNING\n"),
             completed = r.out.find("  State: COMPLETED\n");
  ASSERT_NE(completed, std::string::npos) << r.out;
  ASSERT_NE(running, std::string::npos) << r.out;
  EXPECT_LT(running, completed);
  if (queued != std::string::npos) {
    EXPECT_LT(queued, running);
  }
  EXPECT_NE(r.out.find("Pipeline run started!"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST_F(OriginalCommands, RunPipelineWaitExitsOneWhenTheUpdateFails) {
  createPipeline("p_fail");
  failNextUpdate();
  auto r = run({"run_pipeline", "p_fail", "--wait"});
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("  State: FAILED\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  ERROR update_progress: "), std::string::npos) << "the update's error events\n" << r.out;
  EXPECT_EQ(normaliseOutput(r.err), "Error: Pipeline update <uuid> ended in state FAILED\n");
}

TEST_F(OriginalCommands, ShowPipelineJsonHasStateLatestUpdatesAndSpec) {
  createPipeline("p_show");
  ASSERT_EQ(run({"run_pipeline", "p_show"}).exit, 0);
  auto r = run({"show_pipeline", "p_show", "--format", "json"});
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["name"], "p_show");
  EXPECT_EQ(doc["url"], emulator_.url() + "/pipelines/" + doc["pipeline_id"].get<std::string>());
  EXPECT_TRUE(doc["state"].is_string()) << r.out;
  ASSERT_TRUE(doc["latest_updates"].is_array()) << r.out;
  ASSERT_FALSE(doc["latest_updates"].empty());
  EXPECT_TRUE(doc["latest_updates"][0].contains("update_id"));
  EXPECT_EQ(doc["spec"]["name"], "p_show");
  EXPECT_EQ(doc["spec"]["target"], "github");
}

TEST_F(OriginalCommands, UpdatePipelineRewritesIngestPyOnceAndOnlyWhenChanged) {
  createPipeline("p_upd");
  RunResult r;
  auto requests = runLogged({"update_pipeline", "p_upd", "-ps", kCreatedBody}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Detected source: github\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Pipeline updated successfully!"), std::string::npos);
  ASSERT_EQ(requests.size(), 1u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["path"], "/api/2.0/workspace/import");
  EXPECT_EQ(requests[0]["body"]["content"],
            nlohmann::json({{"template", "base"},
                            {"source_name", "github"},
                            {"embedded_pipeline_spec", nlohmann::json::parse(kCreatedBody)}}));
  // The same spec again: the file is unchanged, nothing is sent.
  requests = runLogged({"update_pipeline", "p_upd", "-ps", kCreatedBody}, r);
  EXPECT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
  EXPECT_NE(r.out.find("Pipeline p_upd already ingests these tables: nothing was sent."), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("updated successfully"), std::string::npos) << r.out;
}

TEST_F(OriginalCommands, UpdatePipelineOfAnUnknownNameSendsNothing) {
  RunResult r;
  auto requests = runLogged({"update_pipeline", "nope", "-ps", kCreatedBody}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "Error: Pipeline 'nope' not found\n");
  EXPECT_TRUE(requests.empty());
}

TEST_F(OriginalCommands, DeletePipelineThenItIsGone) {
  createPipeline("p_del");
  RunResult r;
  // Made by create_pipeline, no deployment manages it: not a terminal, so --force is needed.
  auto refused = runLogged({"delete_pipeline", "p_del"}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "Error: pipeline p_del is not managed by community-connector (no deployment made it); pass --force "
                   "to delete it anyway\n");
  EXPECT_TRUE(refused.empty());
  auto requests = runLogged({"delete_pipeline", "p_del", "--force"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_EQ(normaliseOutput(r.out), "  \u2713 Pipeline deleted: p_del (ID: <uuid>)\n");
  ASSERT_EQ(requests.size(), 1u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["method"], "DELETE");
  EXPECT_EQ(requests[0]["path"], "/api/2.0/pipelines/{pipeline_id}");
  r = run({"show_pipeline", "p_del"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "Error: Pipeline 'p_del' not found\n");
  requests = runLogged({"delete_pipeline", "p_del", "--force"}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_TRUE(requests.empty());
}

TEST_F(OriginalCommands, DeleteConnectionThenASecondDeleteSendsNothing) {
  auto c = run({"create_connection", "github", "conn_del", "-o", R"({"token": "ghp_x"})", "--spec",
                "github_connector_spec.yaml"});
  ASSERT_EQ(c.exit, 0) << c.out << c.err;
  RunResult r;
  auto refused = runLogged({"delete_connection", "conn_del"}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("pass --force"), std::string::npos) << r.err;
  EXPECT_TRUE(refused.empty());
  auto requests = runLogged({"delete_connection", "conn_del", "--force"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "Deleting connection: conn_del\n  \u2713 Connection deleted!\n");
  ASSERT_EQ(requests.size(), 1u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["method"], "DELETE");
  EXPECT_EQ(requests[0]["path"], "/api/2.1/unity-catalog/connections/conn_del");
  requests = runLogged({"delete_connection", "conn_del", "--force"}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "Error: Failed to delete connection: [RESOURCE_DOES_NOT_EXIST] Connection 'conn_del' does not exist.\n");
  EXPECT_TRUE(requests.empty());
}

TEST_F(OriginalCommands, TakenPipelineNameIsRefusedAtPlanTimeWithoutAMutation) {
  // The first pipeline lives under /Shared/connectors (the config's workspace_path), so the
  // second run's repo path is free and only the name is taken.
  createPipeline("p_dup", {"--config", "my_config.yaml"});
  RunResult r;
  auto requests = runLogged({"create_pipeline", "github", "p_dup", "-n", "my_conn"}, r);
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_EQ(normaliseOutput(r.err),
            "Error: Failed to create pipeline: The pipeline name 'p_dup' is already used by another pipeline (<uuid>)\n");
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
}

TEST_F(OriginalCommands, TakenRepoPathIsRefusedAtPlanTimeWithoutAMutation) {
  // delete_pipeline leaves the repo: the name is free again, the repo path is not.
  createPipeline("p_repo");
  ASSERT_EQ(run({"delete_pipeline", "p_repo", "--force"}).exit, 0);
  RunResult r;
  auto requests = runLogged({"create_pipeline", "github", "p_repo", "-n", "my_conn"}, r);
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("Error: Failed to create repo: Repo /Users/alice@example.com/.lakeflow_community_connectors/p_repo "
                       "already exists."),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
}

}  // namespace
}  // namespace cc::e2e
