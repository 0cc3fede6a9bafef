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

// --format json: stdout is one JSON object (format_version, command, status, what was done),
// the text output moves to stderr.
TEST_F(OriginalCommands, CreatePipelineAndConnectionPrintTheirResultAsJson) {
  auto conn = run({"create_connection", "github", "c_json", "-o", R"({"token": "ghp_json_secret"})", "--spec",
                   "github_connector_spec.yaml", "--format", "json"});
  ASSERT_EQ(conn.exit, 0) << conn.out << conn.err;
  auto c = stdoutJson(conn);
  expectResultHead(c, "create_connection", "ok");
  EXPECT_EQ(c["action"], "created");
  EXPECT_EQ(c["connection_name"], "c_json");
  EXPECT_FALSE(c["connection_id"].get<std::string>().empty());
  EXPECT_NE(conn.err.find("Connection created!"), std::string::npos) << conn.err;
  EXPECT_EQ(conn.out.find("ghp_json_secret"), std::string::npos);
  EXPECT_EQ(conn.err.find("ghp_json_secret"), std::string::npos);

  auto created = run({"create_pipeline", "github", "p_json", "-n", "c_json", "--format", "json"});
  ASSERT_EQ(created.exit, 0) << created.out << created.err;
  auto p = stdoutJson(created);
  expectResultHead(p, "create_pipeline", "ok");
  EXPECT_EQ(p["action"], "created");
  EXPECT_EQ(p["pipeline_name"], "p_json");
  EXPECT_EQ(p["connection_name"], "c_json");
  EXPECT_EQ(p["url"], emulator_.url() + "/pipelines/" + p["pipeline_id"].get<std::string>());
  EXPECT_NE(created.err.find("Step 3: Creating pipeline 'p_json'..."), std::string::npos) << created.err;

  auto again = run({"create_pipeline", "github", "p_json", "-n", "c_json", "--format", "json"});
  EXPECT_EQ(again.exit, 1);
  auto refused = stdoutJson(again);
  EXPECT_EQ(refused["status"], "failed");
  const std::string message = refused["error"]["message"];
  EXPECT_NE(message.find("already exists"), std::string::npos) << message;
  EXPECT_NE(again.err.find("\nError: " + message + "\n"), std::string::npos) << again.err;
}

TEST_F(OriginalCommands, RunUpdateAndDeleteReportJsonResults) {
  createPipeline("p_res");
  failNextUpdate();
  auto ran = run({"run_pipeline", "p_res", "--wait", "--format", "json"});
  EXPECT_EQ(ran.exit, 1) << ran.out << ran.err;
  auto r = stdoutJson(ran);
  expectResultHead(r, "run_pipeline", "failed");
  EXPECT_EQ(r["state"], "FAILED");
  EXPECT_FALSE(r["update_id"].get<std::string>().empty());
  ASSERT_TRUE(r["errors"].is_array() && !r["errors"].empty()) << r.dump(1);
  EXPECT_EQ(r["errors"][0]["type"], "update_progress");
  EXPECT_NE(ran.err.find("  State: FAILED\n"), std::string::npos) << ran.err;

  ASSERT_EQ(run({"update_pipeline", "p_res", "-ps", kCreatedBody}).exit, 0);
  auto unchanged = run({"update_pipeline", "p_res", "-ps", kCreatedBody, "--format", "json"});
  ASSERT_EQ(unchanged.exit, 0) << unchanged.err;
  EXPECT_EQ(stdoutJson(unchanged)["action"], "unchanged");

  auto deleted = run({"delete_pipeline", "p_res", "--force", "--format", "json"});
  ASSERT_EQ(deleted.exit, 0) << deleted.err;
  auto d = stdoutJson(deleted);
  EXPECT_EQ(d["action"], "deleted");
  EXPECT_EQ(d["pipeline_name"], "p_res");
  EXPECT_EQ(deleted.err, "  \u2713 Pipeline deleted: p_res (ID: " + d["pipeline_id"].get<std::string>() + ")\n");
}

class ConnectionInUse : public OriginalCommands {
 protected:
  void SetUp() override {
    OriginalCommands::SetUp();
    auto c = run({"create_connection", "github", "c_used", "-o", R"({"token": "ghp_x"})", "--spec",
                  "github_connector_spec.yaml"});
    ASSERT_EQ(c.exit, 0) << c.out << c.err;
    createReading("p_used_b", "c_used");
    createReading("p_used_a", "c_used");
    createReading("p_other", "c_other");
  }
  // A pipeline whose ingest.py names `connection`.
  void createReading(const std::string& pipeline, const std::string& connection) {
    auto r = run({"create_pipeline", "github", pipeline, "-n", connection});
    ASSERT_EQ(r.exit, 0) << r.out << r.err;
  }

  // Runs delete_connection c_used on a terminal (util-linux `script` gives it a pty) with
  // `answer` typed; nullopt when `script` is missing.
  std::optional<RunResult> deleteOnATerminal(const std::string& answer) {
    if (!fs::exists("/usr/bin/script")) return std::nullopt;
    const std::string command = std::string(CC_CLI_BINARY) + " delete_connection c_used";
    return test_support::runChild("/usr/bin/script", {"-qec", command, "/dev/null"}, scratch_, env_, answer + "\n");
  }
};

TEST_F(ConnectionInUse, WithoutATerminalItIsRefusedNamingThePipelines) {
  RunResult r;
  auto requests = runLogged({"delete_connection", "c_used"}, r);
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_EQ(r.err, "Error: connection c_used is used by pipelines p_used_a, p_used_b; pass --force to delete it anyway\n");
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
  auto json = run({"delete_connection", "c_used", "--format", "json"});
  EXPECT_EQ(json.exit, 1);
  EXPECT_EQ(stdoutJson(json)["used_by"], nlohmann::json({"p_used_a", "p_used_b"}));

  requests = runLogged({"delete_connection", "c_used", "--force"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  ASSERT_EQ(requests.size(), 1u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["path"], "/api/2.1/unity-catalog/connections/c_used");
}

TEST_F(ConnectionInUse, OnATerminalItAsksAndOnlyAYesDeletes) {
  const std::size_t before = logLines(emulator_.requestLogPath());
  auto no = deleteOnATerminal("n");
  if (!no) GTEST_SKIP() << "util-linux script is not installed";
  EXPECT_EQ(no->exit, 1) << no->out;
  EXPECT_NE(no->out.find("Delete connection c_used used by pipelines p_used_a, p_used_b? [y/N] "), std::string::npos)
      << no->out;
  EXPECT_NE(no->out.find("nothing was deleted"), std::string::npos) << no->out;
  EXPECT_TRUE(mutatingRequests(emulator_.requestLogPath(), before).empty());

  auto yes = deleteOnATerminal("y");
  ASSERT_TRUE(yes);
  EXPECT_EQ(yes->exit, 0) << yes->out;
  EXPECT_NE(yes->out.find("Connection deleted!"), std::string::npos) << yes->out;
  EXPECT_EQ(yes->out.find("is not managed"), std::string::npos) << "asked twice:\n" << yes->out;
  RunResult gone;
  runLogged({"delete_connection", "c_used", "--force"}, gone);
  EXPECT_EQ(gone.exit, 1) << "the connection is still there";
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
