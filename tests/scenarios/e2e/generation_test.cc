// The generation switch against the emulator: today's generation (current) on a repository in
// the src layout — create_pipeline --use-workspace-pipeline reads the layout from the checkout,
// a manifest declares it or has it read from an existing Git folder — and the connection
// commands' COMMUNITY type and spec errors. The seed's traces are original_traces_test.cc's.
#include <gtest/gtest.h>

#include "declarative_support.h"

namespace cc::e2e {
namespace generation_e2e {

using ::testing::HasSubstr;

const std::string kPipeWs = "/Users/alice@example.com/.lakeflow_community_connectors/";

// The mutating requests of `requests` to `path`.
std::vector<nlohmann::json> requestsTo(const std::vector<nlohmann::json>& requests, const std::string& method,
                                       const std::string& path) {
  std::vector<nlohmann::json> out;
  for (const auto& r : requests)
    if (r["method"] == method && r["path"] == path) out.push_back(r);
  return out;
}

class CurrentGeneration : public DeclarativeTest {
 protected:
  void SetUp() override {
    startEmulator({"--repo-layout", "src"});
    env_["COMMUNITY_CONNECTOR_GENERATION"] = "current";
  }

  // Runs `args` and returns the mutating requests it caused.
  std::vector<nlohmann::json> logged(const std::vector<std::string>& args, RunResult& r) {
    const std::size_t mark = logLines(log());
    r = cli(args);
    return mutatingSince(mark);
  }
};

TEST_F(CurrentGeneration, WorkspacePipelineReadsTheSrcLayoutFromTheCheckout) {
  RunResult r;
  auto requests = logged({"create_pipeline", "github", "p_src", "-n", "my_conn", "--use-workspace-pipeline",
                          "--schema", "raw"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Repository layout: src (read from the checkout)\n"));
  const std::string ws = kPipeWs + "p_src";
  auto repos = requestsTo(requests, "POST", "/api/2.0/repos");
  ASSERT_EQ(repos.size(), 1u) << nlohmann::json(requests).dump(1);
  const auto patterns = repos[0]["body"]["sparse_checkout"]["patterns"];
  EXPECT_EQ(patterns.size(), 8u) << patterns.dump() << ": both layouts' patterns, the tree is not known yet";
  EXPECT_TRUE(requestsTo(requests, "POST", "/api/2.0/workspace/delete").empty()) << "today's original deletes no root files";
  auto imports = requestsTo(requests, "POST", "/api/2.0/workspace/import");
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0]["body"]["path"], ws + "/src/ingest.py");
  auto pipelines = requestsTo(requests, "POST", "/api/2.0/pipelines");
  ASSERT_EQ(pipelines.size(), 1u);
  const auto& body = pipelines[0]["body"];
  EXPECT_EQ(body["schema"], "raw");
  EXPECT_FALSE(body.contains("target")) << body.dump();
  EXPECT_EQ(body["root_path"], ws + "/src");
  EXPECT_EQ(body["libraries"], nlohmann::json::parse(R"([{"file": {"path": ")" + ws + R"(/src/ingest.py"}}])"));
  // The pipeline comes after the file it runs.
  EXPECT_EQ(requests.back()["path"], "/api/2.0/pipelines");
}

TEST_F(CurrentGeneration, ConfigFileSwitchAndItsSchemaDefault) {
  env_["COMMUNITY_CONNECTOR_GENERATION"] = std::nullopt;
  test_support::writeText(work_ / "today.yaml", "generation: Current\n");
  RunResult r;
  auto requests = logged({"create_pipeline", "github", "p_cfg", "-n", "c", "--use-workspace-pipeline", "-f", "today.yaml"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  auto pipelines = requestsTo(requests, "POST", "/api/2.0/pipelines");
  ASSERT_EQ(pipelines.size(), 1u);
  EXPECT_EQ(pipelines[0]["body"]["schema"], "default") << "today's default, not the source name";

  // The variable wins over the file.
  env_["COMMUNITY_CONNECTOR_GENERATION"] = "seed";
  requests = logged({"create_pipeline", "github", "p_seed", "-n", "c", "-f", "today.yaml"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  pipelines = requestsTo(requests, "POST", "/api/2.0/pipelines");
  ASSERT_EQ(pipelines.size(), 1u);
  EXPECT_EQ(pipelines[0]["body"]["target"], "github");
  EXPECT_EQ(pipelines[0]["body"]["root_path"], kPipeWs + "p_seed");
}

// Managed is the current default; with no -p and no checkout to build wheels from, it stops
// before any request.
TEST_F(CurrentGeneration, ManagedModeWithoutWheelsToBuildSendsNothing) {
  RunResult r;
  auto requests = logged({"create_pipeline", "github", "p_managed", "-n", "my_conn"}, r);
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Creating managed pipeline 'p_managed' for source: github"));
  EXPECT_THAT(r.err, HasSubstr("Error: "));
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
}

TEST_F(CurrentGeneration, AnUnknownGenerationIsAnErrorBeforeAnyRequest) {
  env_["COMMUNITY_CONNECTOR_GENERATION"] = "head";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"create_pipeline", "github", "p", "-n", "c"},
        std::vector<std::string>{"create_connection", "github", "c", "-o", "{}"},
        std::vector<std::string>{"plan", "-f", "one.yaml"}}) {
    RunResult r;
    auto requests = logged(args, r);
    EXPECT_EQ(r.exit, 1) << args[0] << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("COMMUNITY_CONNECTOR_GENERATION='head' is not a generation: use seed or current"));
    EXPECT_TRUE(requests.empty()) << args[0];
  }
}

TEST_F(CurrentGeneration, ConnectionsAreCommunityAndAnUnfetchableSpecIsAnError) {
  RunResult r;
  auto requests = logged({"create_connection", "github", "gh", "-o", R"({"token": "x"})"}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.err, HasSubstr("Could not fetch connector spec from: https://raw.githubusercontent.com/databrickslabs/"
                               "lakeflow-community-connectors/master/src/databricks/labs/community_connector/sources/"
                               "github/connector_spec.yaml ("));
  EXPECT_THAT(r.err, HasSubstr("Pass --spec"));
  EXPECT_TRUE(requests.empty());

  test_support::writeText(work_ / "gh_spec.yaml", "connection:\n  parameters:\n    - {name: token, required: true}\n");
  requests = logged({"create_connection", "github", "gh", "-o", R"({"token": "x"})", "-s", "gh_spec.yaml"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Connection type: COMMUNITY\nAuth type: static\n"));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["body"]["connection_type"], "COMMUNITY");
}

// A manifest of one connection and one pipeline; `repo` is the pipeline's repo line or "".
std::string srcLayoutManifest(const std::string& pipeline, const std::string& repo) {
  return "version: 1\ndeployment: srclayout\n"
         "connections:\n  gh_conn:\n    source: github\n    options:\n      token: ${env.GITHUB_TOKEN}\n"
         "pipelines:\n  " + pipeline + ":\n    source: github\n    connection: gh_conn\n" + repo +
         "    objects:\n      - table: { source_table: issues }\n";
}

TEST_F(CurrentGeneration, AManifestOnTheSrcLayoutAppliesAndReplansToNoChanges) {
  test_support::writeText(work_ / "src.yaml", srcLayoutManifest("gh_src", "    repo: { layout: src }\n"));
  auto applied = cli({"apply", "-f", "src.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_THAT(applied.out, HasSubstr(kPipeWs + "gh_src/src/ingest.py"));
  auto again = cli({"plan", "-f", "src.yaml", "--detailed-exitcode"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;

  // Undeclared, the layout is read back from the existing Git folder: the same resources.
  test_support::writeText(work_ / "src.yaml", srcLayoutManifest("gh_src", ""));
  auto detected = cli({"plan", "-f", "src.yaml", "--detailed-exitcode"});
  EXPECT_EQ(detected.exit, 0) << detected.out << detected.err;

  // A Git folder that does not exist yet cannot be read: an error naming the fix, nothing planned.
  test_support::writeText(work_ / "src.yaml", srcLayoutManifest("gh_new", ""));
  auto fresh = cli({"plan", "-f", "src.yaml"});
  EXPECT_EQ(fresh.exit, 1) << fresh.out;
  EXPECT_THAT(fresh.err, HasSubstr("does not exist yet"));
  EXPECT_THAT(fresh.err, HasSubstr("layout: src"));

  // In the seed generation the same manifest plans the legacy tree, as before.
  env_["COMMUNITY_CONNECTOR_GENERATION"] = std::nullopt;
  auto seed = cli({"plan", "-f", "src.yaml"});
  EXPECT_EQ(seed.exit, 0) << seed.out << seed.err;
  EXPECT_THAT(seed.out, HasSubstr(kPipeWs + "gh_new/ingest.py"));
}

TEST_F(CurrentGeneration, ACheckoutWithNeitherTreeStopsBeforeThePipeline) {
  test_support::writeText(work_ / "narrow.yaml", "repo:\n  sparse_checkout:\n    patterns: [docs]\n");
  RunResult r;
  auto requests = logged({"create_pipeline", "github", "p_narrow", "-n", "c", "--use-workspace-pipeline",
                          "-f", "narrow.yaml"}, r);
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_THAT(r.err, HasSubstr("Failed to create pipeline: cannot tell the layout of the Git folder " + kPipeWs +
                               "p_narrow: it holds neither " + kPipeWs + "p_narrow/sources/github nor "));
  EXPECT_EQ(requestsTo(requests, "POST", "/api/2.0/repos").size(), 1u);
  EXPECT_TRUE(requestsTo(requests, "POST", "/api/2.0/pipelines").empty());
  EXPECT_TRUE(requestsTo(requests, "POST", "/api/2.0/workspace/import").empty());
}

TEST_F(CurrentGeneration, TheSpecsOAuthFlowIsTheDefaultAuthType) {
  test_support::writeText(work_ / "m2m_spec.yaml",
                          "connection:\n  parameters:\n    - {name: client_id}\n    - {name: client_secret, secret: true}\n"
                          "  oauth:\n    flow: m2m\n    token_url: https://idp.example.com/token\n");
  RunResult r;
  auto requests = logged({"create_connection", "zoho", "z", "-s", "m2m_spec.yaml", "-o",
                          R"({"client_id": "app", "client_secret": "s-123"})"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Connection type: COMMUNITY\nAuth type: m2m\n"));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["body"]["connection_type"], "COMMUNITY");
  // --auth-type still wins.
  requests = logged({"create_connection", "zoho", "z2", "-s", "m2m_spec.yaml", "--auth-type", "static", "-o",
                     R"({"client_id": "app", "client_secret": "s-123"})"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Auth type: static\n"));
}

TEST_F(CurrentGeneration, ChangingTheDeclaredLayoutPlansANewCheckoutAndIngestPath) {
  test_support::writeText(work_ / "move.yaml", srcLayoutManifest("gh_move", "    repo: { layout: legacy }\n"));
  auto applied = cli({"apply", "-f", "move.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  test_support::writeText(work_ / "move.yaml", srcLayoutManifest("gh_move", "    repo: { layout: src }\n"));
  auto plan = cli({"plan", "-f", "move.yaml", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit, 2) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("sparse_checkout"));
  EXPECT_THAT(plan.out, HasSubstr(kPipeWs + "gh_move/src/ingest.py"));
  EXPECT_THAT(plan.out, HasSubstr("root_path"));
}

// The text of workspace file `path` as the emulator stores it ("" when absent).
std::string storedWorkspaceFile(const test_support::EmulatorProcess& emulator, const std::string& path) {
  const auto state = nlohmann::json::parse(readText(emulator.statePath()), nullptr, false);
  if (state.is_discarded() || !state.contains("data")) return "";
  const auto& objects = state["data"].value("objects", nlohmann::json::object());
  for (const std::string& key : {path, "/Workspace" + path})
    if (objects.contains(key)) return decodeBase64(objects[key].value("content_b64", ""));
  return "";
}

TEST_F(CurrentGeneration, UpdatePipelineKeepsTheSrcTemplate) {
  RunResult r;
  logged({"create_pipeline", "github", "p_upd", "-n", "c", "--use-workspace-pipeline"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  // In the current generation a Git folder pipeline's update names its kind (managed is the default).
  auto requests = logged({"update_pipeline", "p_upd", "--use-workspace-pipeline", "-ps",
                          R"({"connection_name": "c", "objects": [{"table": {"source_table": "pulls"}}]})"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  ASSERT_EQ(requests.size(), 1u);
  const std::string text = storedWorkspaceFile(*emulator_, kPipeWs + "p_upd/src/ingest.py");
  EXPECT_THAT(text, HasSubstr("from databricks.labs.community_connector.pipeline import ingest"));
  EXPECT_THAT(text, HasSubstr("\"source_table\": \"pulls\""));
}

class CurrentGenerationLegacyRepo : public CurrentGeneration {
 protected:
  void SetUp() override {
    startEmulator();
    env_["COMMUNITY_CONNECTOR_GENERATION"] = "current";
  }
};

TEST_F(CurrentGenerationLegacyRepo, WorkspacePipelineReadsTheLegacyLayoutFromTheCheckout) {
  RunResult r;
  auto requests = logged({"create_pipeline", "github", "p_old", "-n", "c", "--use-workspace-pipeline"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Repository layout: legacy (read from the checkout)\n"));
  auto imports = requestsTo(requests, "POST", "/api/2.0/workspace/import");
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0]["body"]["path"], kPipeWs + "p_old/ingest.py");
  auto pipelines = requestsTo(requests, "POST", "/api/2.0/pipelines");
  ASSERT_EQ(pipelines.size(), 1u);
  EXPECT_EQ(pipelines[0]["body"]["root_path"], kPipeWs + "p_old");
  EXPECT_EQ(pipelines[0]["body"]["schema"], "default");
}

}  // namespace generation_e2e
}  // namespace cc::e2e
