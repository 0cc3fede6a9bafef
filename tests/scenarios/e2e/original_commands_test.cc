// The commands the original tool did not have (update_pipeline, delete_pipeline,
// delete_connection, run_pipeline --wait, show_pipeline --format json) and the plan-time
// refusals that must send nothing, run with our binary against the emulator.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "cli_runner.h"
#include "providers/http_client.h"
#include "providers/loopback_browser.h"  // tests/providers: takes the authorization URL apart

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

namespace cc::e2e {
namespace {

// --auth-type (today's original tool): an OAuth mode makes a COMMUNITY connection whose options
// get the spec's OAuth settings, placeholders filled from -o, and community_oauth_flow.
class ConnectionAuthType : public OriginalCommands {
 protected:
  void SetUp() override {
    OriginalCommands::SetUp();
    test_support::writeText(scratch_ / "ado_spec.yaml",
                            "connection:\n  parameters:\n    - {name: organization, required: true}\n"
                            "    - {name: tenant_id}\n    - {name: client_id}\n    - {name: client_secret, secret: true}\n"
                            "  oauth:\n    flow: m2m\n"
                            "    token_url: https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token\n"
                            "    scopes: 499b84ac-1321-427f-aa17-267ca6975798/.default\n"
                            "external_options_allowlist: project\n");
  }
};

TEST_F(ConnectionAuthType, M2MCreatesACommunityConnectionWithTheSpecsOAuthSettings) {
  RunResult r;
  auto requests = runLogged({"create_connection", "azure_devops", "ado", "-s", "ado_spec.yaml", "--auth-type", "M2M",
                             "-o", R"({"organization": "org", "tenant_id": "t-42", "client_id": "app",
                                      "client_secret": "ado-client-secret-77"})"},
                            r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Connection type: COMMUNITY\nAuth type: m2m\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Added OAuth settings from the connector spec: oauth_scope, token_endpoint\n"), std::string::npos)
      << r.out;
  EXPECT_EQ((r.out + r.err).find("ado-client-secret-77"), std::string::npos);
  ASSERT_EQ(requests.size(), 1u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["path"], "/api/2.1/unity-catalog/connections");
  // The emulator keeps what was sent; the API hides secrets in every answer.
  const std::string state = readText(emulator_.statePath());
  for (const char* sent : {"\"COMMUNITY\"", "https://login.microsoftonline.com/t-42/oauth2/v2.0/token",
                           "499b84ac-1321-427f-aa17-267ca6975798/.default", "\"community_oauth_flow\":\"m2m\"",
                           "ado-client-secret-77", "\"sourceName\":\"azure_devops\""})
    EXPECT_NE(state.find(sent), std::string::npos) << sent;
}

TEST_F(ConnectionAuthType, AMissingPlaceholderOrRequiredOptionSendsNothing) {
  RunResult r;
  auto requests = runLogged({"create_connection", "azure_devops", "ado2", "-s", "ado_spec.yaml", "--auth-type", "m2m",
                             "-o", R"({"organization": "org"})"},
                            r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("use {tenant_id}, but the option tenant_id is not given"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("auth type m2m needs the option client_id"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n  pass it with -o '{\"client_id\": "), std::string::npos) << "the fix, not only the problem\n" << r.err;
  EXPECT_TRUE(requests.empty());
  auto unknown = run({"create_connection", "azure_devops", "ado3", "--auth-type", "oauth", "-o", "{}"});
  EXPECT_EQ(unknown.exit, 1);
  EXPECT_NE(unknown.err.find("auth type 'oauth' is not one of static, m2m, u2m, u2m_per_user"), std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("\n  pass --auth-type static, m2m, u2m or u2m_per_user\n"), std::string::npos) << unknown.err;
}

std::string queryParam(const std::string& url, const std::string& name) {
  return providers::testing::parseUrl(url).get(name);
}

// u2m: the test is the browser. It reads the URL the command prints, answers on the loopback
// redirect with a code and the state, and the connection stores the grant.
TEST_F(ConnectionAuthType, U2MStoresTheGrantTheBrowserBringsBack) {
  test_support::writeText(scratch_ / "zoho_spec.yaml",
                          "connection:\n  parameters:\n    - {name: client_id}\n    - {name: client_secret}\n"
                          "  oauth:\n    authorization_url: https://idp.example.test/oauth/v2/auth\n"
                          "    token_url: https://idp.example.test/oauth/v2/token\n    scopes: ZohoCRM.modules.ALL\n"
                          "    extra_auth_params: {access_type: offline}\n");
  auto child = test_support::startChild(CC_CLI_BINARY,
                                        {"create_connection", "zoho_crm", "zc", "-s", "zoho_spec.yaml", "--auth-type",
                                         "u2m", "-o", R"({"client_id": "zoho-app", "client_secret": "zoho-secret-5"})"},
                                        scratch_, env_);
  // The URL is printed once the listener is bound; wait for it (or for the command to end).
  std::string url;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       url.empty() && !test_support::childEnded(child) && std::chrono::steady_clock::now() < deadline;) {
    const std::string err = readText(child.errFile);
    const auto at = err.find("\n  https://idp.example.test/");
    if (at != std::string::npos && err.find('\n', at + 1) != std::string::npos)
      url = err.substr(at + 3, err.find('\n', at + 1) - at - 3);
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(url.empty()) << readText(child.errFile);
  EXPECT_EQ(queryParam(url, "client_id"), "zoho-app");
  EXPECT_EQ(queryParam(url, "scope"), "ZohoCRM.modules.ALL");
  EXPECT_EQ(queryParam(url, "access_type"), "offline");
  EXPECT_EQ(queryParam(url, "code_challenge_method"), "S256");
  const std::string redirect = queryParam(url, "redirect_uri");
  ASSERT_EQ(redirect.rfind("http://127.0.0.1:", 0), 0u) << redirect;
  providers::HttpClientConfig browser;
  browser.baseUrl = redirect.substr(0, redirect.find('/', 7));
  auto http = providers::HttpClient::create(browser);
  ASSERT_TRUE(http.ok());
  providers::HttpRequest callback;
  callback.path = "/callback";
  callback.query = {{"code", "grant-code-123"}, {"state", queryParam(url, "state")}};
  auto answered = http.value()->send(callback);
  ASSERT_TRUE(answered.ok()) << answered.failure.message;
  EXPECT_EQ(answered.response->status, 200);

  auto r = test_support::finishChild(child);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Authorization received.\n"), std::string::npos) << r.out;
  EXPECT_EQ((r.out + r.err).find("grant-code-123"), std::string::npos);
  EXPECT_EQ((r.out + r.err).find("zoho-secret-5"), std::string::npos);
  const std::string state = readText(emulator_.statePath());
  for (const char* stored : {"grant-code-123", "\"community_oauth_flow\":\"u2m\"", "pkce_verifier",
                             "https://idp.example.test/oauth/v2/auth"})
    EXPECT_NE(state.find(stored), std::string::npos) << stored;
  EXPECT_NE(state.find(redirect), std::string::npos) << "oauth_redirect_uri";
}

TEST_F(ConnectionAuthType, WithoutTheFlagTheSeedsTypeAndOutputStay) {
  auto r = run({"create_connection", "github", "gh_seed", "-o", R"({"token": "ghp_x"})", "--spec",
                "github_connector_spec.yaml"});
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Connection type: GENERIC_LAKEFLOW_CONNECT\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Auth type"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cc::e2e

namespace cc::e2e {
namespace {

// upload, publish, unpublish with --format json: the result object alone on stdout.
TEST_F(OriginalCommands, UploadPublishAndUnpublishPrintTheirResultAsJson) {
  fs::copy(fs::path(CC_TESTS_DIR) / "fixtures" / "connectors_checkout", scratch_ / "checkout", fs::copy_options::recursive);
  auto up = run({"upload", "demo", "-v", "/Volumes/main/raw/wheels", "--source-dir", "checkout", "--format", "json"});
  ASSERT_EQ(up.exit, 0) << up.out << up.err;
  auto u = stdoutJson(up);
  expectResultHead(u, "upload", "ok");
  EXPECT_EQ(u["action"], "uploaded");
  EXPECT_EQ(u["volume_path"], "/Volumes/main/raw/wheels");
  EXPECT_EQ(u["files"], nlohmann::json({"/Volumes/main/raw/wheels/lakeflow_community_connectors-0.2.0-py3-none-any.whl",
                                        "/Volumes/main/raw/wheels/lakeflow_community_connector_demo-0.2.0-py3-none-any.whl"}));
  EXPECT_NE(up.err.find("Upload complete!"), std::string::npos) << up.err;

  const std::string wheel = u["files"][1];
  auto kept = run({"upload", "demo", "-v", "/Volumes/main/raw/wheels", "--source-dir", "checkout", "--skip-framework",
                   "--keep-wheel", "kept"});
  ASSERT_EQ(kept.exit, 0) << kept.err;
  const std::string wheelFile = "kept/lakeflow_community_connector_demo-0.2.0-py3-none-any.whl";
  auto published = run({"publish", "demo", "-d", "Demo JSON", "-p", wheelFile, "-v", "/Volumes/main/raw/wheels",
                        "--format", "json"});
  ASSERT_EQ(published.exit, 0) << published.out << published.err;
  auto p = stdoutJson(published);
  expectResultHead(p, "publish", "ok");
  EXPECT_EQ(p["display_name"], "Demo JSON");
  EXPECT_EQ(p["dependencies"], nlohmann::json({wheel}));
  const std::string path = p["path"];
  EXPECT_NE(path.find("/.community-connectors/Demo JSON.connector.json"), std::string::npos) << path;

  // The file as the original writes it: json.dumps(indent=2), ASCII, one trailing newline.
  const auto state = nlohmann::json::parse(readText(emulator_.statePath()));
  const auto& objects = state["data"]["objects"];
  const std::string key = objects.contains(path) ? path : "/Workspace" + path;
  ASSERT_TRUE(objects.contains(key)) << objects.dump(1);
  const std::string text = decodeBase64(objects[key].value("content_b64", ""));
  EXPECT_EQ(text.rfind("{\n  \"id\": \"DEMO\",\n  \"sourceName\": \"demo\",\n  \"displayName\": \"Demo JSON\",\n"
                      "  \"logo\": null,\n  \"repositoryPath\": \"\",\n  \"readmeUrl\": \"\",\n", 0),
            0u)
      << text;
  ASSERT_GE(text.size(), 4u);
  EXPECT_EQ(text.substr(text.size() - 4), "]\n}\n") << text;  // dependencies last, then one newline

  auto refused = run({"unpublish", "demo", "-d", "Demo JSON", "--format", "json"});
  EXPECT_EQ(refused.exit, 1);
  EXPECT_NE(stdoutJson(refused)["error"]["message"].get<std::string>().find("pass -y"), std::string::npos);
  auto removed = run({"unpublish", "demo", "-d", "Demo JSON", "-y", "--format", "json"});
  ASSERT_EQ(removed.exit, 0) << removed.out << removed.err;
  auto r = stdoutJson(removed);
  expectResultHead(r, "unpublish", "ok");
  EXPECT_EQ(r["path"], path);
}

}  // namespace
}  // namespace cc::e2e
