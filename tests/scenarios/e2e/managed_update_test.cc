// update_pipeline's managed form and create_pipeline -u/--use-local-source (today's original
// §7.6, §7.3) against the emulator: the new tables merged onto the pipeline's spec with its
// other settings and wheels kept, wheels replaced with -p or rebuilt with -s, a workspace
// pipeline refused, nothing sent on bad input, and the local source imported after the clone.
#include <gtest/gtest.h>

#include "declarative_support.h"

namespace cc::e2e {
namespace managed_update_e2e {

using ::testing::HasSubstr;

const fs::path kDemoWheel =
    fs::path(CC_TESTS_DIR) / "fixtures" / "wheel" / "lakeflow_community_connector_demo-0.2.0-py3-none-any.whl";
const std::string kWheelPath =
    "/Volumes/main/raw/community_connector/packages/lakeflow_community_connector_demo-0.2.0-py3-none-any.whl";
const std::string kOrders = R"({"objects": [{"table": {"source_table": "orders"}}]})";
const std::string kPipeWs = "/Users/alice@example.com/.lakeflow_community_connectors/";

class ManagedUpdate : public DeclarativeTest {
 protected:
  void SetUp() override {
    startEmulator({"--repo-layout", "src"});
    fs::copy_file(kDemoWheel, work_ / kDemoWheel.filename());
    fs::copy(fs::path(CC_TESTS_DIR) / "fixtures" / "connectors_checkout", work_ / "checkout", fs::copy_options::recursive);
    auto conn = cli({"create_connection", "demo", "demo_conn", "-o", R"({"token": "t-1"})"});  // the seed's type
    ASSERT_EQ(conn.exit, 0) << conn.out << conn.err;
    env_["COMMUNITY_CONNECTOR_GENERATION"] = "current";
  }

  // Runs `args` in `cwd` (default: the work folder) and returns the mutating requests it caused.
  std::vector<nlohmann::json> logged(const std::vector<std::string>& args, RunResult& r, const fs::path& cwd = {}) {
    const std::size_t mark = logLines(log());
    r = cwd.empty() ? cli(args) : runCli(args, cwd, env_);
    return mutatingSince(mark);
  }

  // A managed pipeline with the demo wheel, settings of its own (configuration, development).
  void createManaged(const std::string& name) {
    const std::string spec = R"({"ingestion_definition": {"objects": [{"table": {"source_table": "items",
        "destination_catalog": "main", "destination_schema": "raw"}}]},
        "configuration": {"team": "data"}, "development": true, "serverless": true})";
    auto r = cli({"create_pipeline", "demo", name, "-n", "demo_conn", "-ps", spec, "-c", "main", "-t", "raw", "-p",
                  kDemoWheel.filename().string()});
    ASSERT_EQ(r.exit, 0) << r.out << r.err;
  }

  nlohmann::json specOf(const std::string& name) {
    auto got = api_->getPipeline(pipelineId(name));
    EXPECT_TRUE(got.ok());
    return got.ok() ? got.value().value("spec", nlohmann::json::object()) : nlohmann::json::object();
  }
};

TEST_F(ManagedUpdate, MergesTheNewTablesOntoTheSpecKeepingItsSettingsAndWheels) {
  createManaged("m_merge");
  const nlohmann::json before = specOf("m_merge");
  RunResult r;
  auto requests = logged({"update_pipeline", "m_merge", "-ps", kOrders}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Found pipeline: m_merge (ID: " + pipelineId("m_merge") + ")\n"));
  EXPECT_THAT(r.out, HasSubstr("Pipeline updated successfully!"));
  ASSERT_EQ(requests.size(), 1u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["method"], "PUT");
  EXPECT_EQ(requests[0]["path"], "/api/2.0/pipelines/{pipeline_id}");
  EXPECT_EQ(requests[0]["body"]["id"], "{pipeline_id}");
  const nlohmann::json after = specOf("m_merge");
  EXPECT_EQ(after["id"], pipelineId("m_merge"));
  EXPECT_EQ(after["ingestion_definition"]["objects"],
            nlohmann::json::parse(R"([{"table": {"source_table": "orders", "destination_catalog": "main",
                                                 "destination_schema": "raw", "source_schema": "default"}}])"));
  EXPECT_EQ(after["ingestion_definition"]["connection_name"], "demo_conn");
  for (const char* kept : {"catalog", "schema", "channel", "serverless", "development", "configuration", "environment"}) {
    ASSERT_TRUE(before.contains(kept)) << kept;
    EXPECT_EQ(after.value(kept, nlohmann::json()), before.at(kept)) << kept;
  }
  EXPECT_EQ(after["environment"]["dependencies"], nlohmann::json::array({kWheelPath}));

  // The same update again changes nothing: nothing is sent.
  requests = logged({"update_pipeline", "m_merge", "-ps", kOrders, "--format", "json"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
  const nlohmann::json doc = stdoutJson(r);
  expectResultHead(doc, "update_pipeline", "ok");
  EXPECT_EQ(doc.value("action", ""), "unchanged");
  EXPECT_EQ(doc.value("pipeline_id", ""), pipelineId("m_merge"));
  EXPECT_EQ(doc.value("ingestion", ""), "managed");
}

TEST_F(ManagedUpdate, PackagesReplaceTheDependenciesAndTheCommandLineNamesWin) {
  createManaged("m_pkg");
  fs::copy_file(kDemoWheel, work_ / "other-0.3.0-py3-none-any.whl");
  RunResult r;
  auto requests = logged({"update_pipeline", "m_pkg", "-ps", kOrders, "-t", "silver", "-v",
                          "/Volumes/main/raw/wheels", "-p", "other-0.3.0-py3-none-any.whl"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  ASSERT_EQ(requests.size(), 3u) << nlohmann::json(requests).dump(1);
  EXPECT_EQ(requests[0]["path"], "/api/2.1/unity-catalog/volumes");
  EXPECT_EQ(requests[1]["path"], "/api/2.0/fs/files/Volumes/main/raw/wheels/other-0.3.0-py3-none-any.whl");
  EXPECT_EQ(requests[2]["method"], "PUT");
  const nlohmann::json after = specOf("m_pkg");
  EXPECT_EQ(after["environment"]["dependencies"],
            nlohmann::json::array({"/Volumes/main/raw/wheels/other-0.3.0-py3-none-any.whl"}));
  EXPECT_EQ(after["schema"], "silver");
  EXPECT_EQ(after["catalog"], "main");
  EXPECT_EQ(after["ingestion_definition"]["objects"][0]["table"]["destination_schema"], "silver");
}

TEST_F(ManagedUpdate, SourceNameRebuildsTheWheelsFromTheCheckout) {
  createManaged("m_src");
  RunResult r;
  auto requests = logged({"update_pipeline", "m_src", "-ps", kOrders, "-s", "demo"}, r, work_ / "checkout");
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Building "));
  const auto dependencies = specOf("m_src")["environment"]["dependencies"];
  ASSERT_EQ(dependencies.size(), 2u) << dependencies.dump();
  for (const auto& d : dependencies)
    EXPECT_EQ(d.get<std::string>().rfind("/Volumes/main/raw/community_connector/packages/", 0), 0u) << d;
  EXPECT_EQ(requests.back()["method"], "PUT");
}

TEST_F(ManagedUpdate, AWorkspacePipelineNeedsTheWorkspaceForm) {
  auto created = cli({"create_pipeline", "demo", "ws_p", "-n", "demo_conn", "--use-workspace-pipeline"});
  ASSERT_EQ(created.exit, 0) << created.out << created.err;
  RunResult r;
  auto requests = logged({"update_pipeline", "ws_p", "-ps", kOrders}, r);
  EXPECT_EQ(r.exit, 1) << r.out;
  EXPECT_THAT(r.err, HasSubstr("Error: Pipeline 'ws_p' is a workspace pipeline (it has no ingestion_definition): "
                               "update it with --use-workspace-pipeline"));
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
  requests = logged({"update_pipeline", "ws_p", "-ps", R"({"connection_name": "demo_conn", "objects": [
                     {"table": {"source_table": "orders"}}]})", "--use-workspace-pipeline"}, r);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["path"], "/api/2.0/workspace/import");
}

TEST_F(ManagedUpdate, BadInputIsRefusedBeforeAnyRequest) {
  createManaged("m_bad");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"-ps", R"({"objects": {"table": {}}})"}, "objects must be a list"},
      {{"-ps", kOrders, "-p", "missing.whl"}, "wheel file not found"},
      {{"-ps", kOrders, "-v", "/Vol/x"}, "Invalid --volume-path"},
      {{"-ps", kOrders, "-s", "demo"}, "no checkout of the connectors repository"},
      {{"-ps", "spec.json"}, "Pipeline spec file not found"}};
  for (const auto& [extra, message] : cases) {
    std::vector<std::string> args = {"update_pipeline", "m_bad"};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::size_t mark = logLines(log());
    RunResult r = cli(args);
    EXPECT_EQ(r.exit, 1) << message << r.out;
    EXPECT_THAT(r.err, HasSubstr(message));
    EXPECT_EQ(logLines(log()), mark) << message << ": a request was sent";
  }
  RunResult r;
  auto requests = logged({"update_pipeline", "nope", "-ps", kOrders}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.err, HasSubstr("Error: Pipeline 'nope' not found"));
  EXPECT_TRUE(requests.empty());
}

TEST_F(ManagedUpdate, TheWorkspaceFormRefusesTheManagedOptions) {
  env_["COMMUNITY_CONNECTOR_GENERATION"] = "seed";
  const std::size_t mark = logLines(log());
  RunResult r = cli({"update_pipeline", "p", "-ps", kOrders, "-c", "main"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.err, HasSubstr("-c/--catalog is for managed pipelines"));
  EXPECT_EQ(logLines(log()), mark);

  // create_pipeline's workspace form never drops -p or -v silently, in either generation.
  test_support::writeText(work_ / "w.whl", "PK");
  for (const char* generation : {"seed", "current"}) {
    env_["COMMUNITY_CONNECTOR_GENERATION"] = generation;
    for (const std::vector<std::string>& extra :
         {std::vector<std::string>{"-p", "w.whl"}, std::vector<std::string>{"-v", "/Volumes/main/raw/wheels"}}) {
      std::vector<std::string> args = {"create_pipeline", "demo", "p_ws", "-n", "demo_conn", "--use-workspace-pipeline"};
      args.insert(args.end(), extra.begin(), extra.end());
      RunResult refused = cli(args);
      EXPECT_EQ(refused.exit, 1) << generation << " " << extra[0] << refused.out;
      EXPECT_THAT(refused.err, HasSubstr("-p/--package and -v/--volume-path are for managed pipelines"));
      EXPECT_EQ(logLines(log()), mark) << generation << " " << extra[0] << ": a request was sent";
    }
  }
}

TEST_F(ManagedUpdate, UseLocalSourceImportsTheConnectorAfterTheClone) {
  RunResult r;
  auto requests = logged({"create_pipeline", "demo", "p_local", "-n", "demo_conn", "--use-workspace-pipeline", "-u"}, r,
                         work_ / "checkout");
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  const std::string ws = kPipeWs + "p_local";
  const std::string folder = ws + "/src/databricks/labs/community_connector/sources/demo";
  std::vector<std::string> order;
  for (const auto& q : requests) order.push_back(q["path"].get<std::string>() + " " + q["body"].value("path", ""));
  const std::vector<std::string> expected = {
      "/api/2.0/workspace/mkdirs " + kPipeWs.substr(0, kPipeWs.size() - 1),
      "/api/2.0/repos " + ws,
      "/api/2.0/repos/{repo_id} ",  // the branch
      "/api/2.0/workspace/mkdirs " + folder,
      "/api/2.0/workspace/import " + folder + "/__init__.py",
      "/api/2.0/workspace/import " + folder + "/demo.py",
      "/api/2.0/workspace/import " + folder + "/connector_spec.yaml",
      "/api/2.0/workspace/import " + ws + "/src/ingest.py",
      "/api/2.0/pipelines "};
  EXPECT_EQ(order, expected) << nlohmann::json(requests).dump(1);
  for (std::size_t i = 4; i < 7 && i < requests.size(); ++i) {
    EXPECT_EQ(requests[i]["body"]["format"], "AUTO");
    EXPECT_EQ(requests[i]["body"]["overwrite"], true);
  }
  EXPECT_THAT(r.out, HasSubstr("Uploaded demo.py"));
}

// The seed's Git folder has the legacy tree: the files go to <ws>/sources/<src>.
TEST_F(ManagedUpdate, UseLocalSourceInTheSeedGoesToTheLegacySourceFolder) {
  env_["COMMUNITY_CONNECTOR_GENERATION"] = "seed";
  RunResult r;
  auto requests = logged({"create_pipeline", "demo", "p_seed", "-n", "demo_conn", "-u", "--format", "json"}, r,
                         work_ / "checkout");
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  const std::string folder = kPipeWs + "p_seed/sources/demo";
  const nlohmann::json doc = stdoutJson(r);
  EXPECT_EQ(doc.value("local_source_files", nlohmann::json()),
            nlohmann::json::array({folder + "/__init__.py", folder + "/demo.py", folder + "/connector_spec.yaml"}));
  std::size_t imports = 0, ingest = requests.size();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const std::string path = requests[i]["body"].is_object() ? requests[i]["body"].value("path", "") : "";
    if (path.rfind(folder + "/", 0) == 0) ++imports;
    if (path == kPipeWs + "p_seed/ingest.py") ingest = i;
  }
  EXPECT_EQ(imports, 3u) << nlohmann::json(requests).dump(1);
  ASSERT_LT(ingest, requests.size());
  EXPECT_EQ(requests[ingest - 1]["body"]["path"], folder + "/connector_spec.yaml") << "the local files come first";
}

TEST_F(ManagedUpdate, UseLocalSourceIsRefusedWhereItCannotWork) {
  RunResult r;
  auto requests = logged({"create_pipeline", "demo", "p_m", "-n", "demo_conn", "-u", "-p",
                          kDemoWheel.filename().string()}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.err, HasSubstr("-u/--use-local-source uploads into a workspace pipeline's Git folder: add "
                               "--use-workspace-pipeline"));
  EXPECT_TRUE(requests.empty());
  requests = logged({"create_pipeline", "demo", "p_w", "-n", "demo_conn", "--use-workspace-pipeline", "-u"}, r);
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.err, HasSubstr("Failed to read the local source: no checkout of the connectors repository"));
  EXPECT_TRUE(requests.empty()) << nlohmann::json(requests).dump(1);
}

}  // namespace managed_update_e2e
}  // namespace cc::e2e
