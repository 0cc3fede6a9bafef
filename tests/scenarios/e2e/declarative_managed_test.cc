// A manifest pipeline with `ingestion: managed` against the emulator: a COMMUNITY connection, a
// managed pipeline whose wheel the tool builds from a source folder, the re-plan with nothing
// to do, a changed folder that re-uploads only its wheel, destroy; and a package file of the
// same name that nobody's record holds, which is not overwritten.
#include <gtest/gtest.h>

#include "declarative_support.h"
#include "engine/content_digest.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;

constexpr const char* kWheelPath =
    "/Volumes/main/raw/community_connector/packages/lakeflow_community_connector_demo-0.1.0-py3-none-any.whl";

const char* kManagedManifest = R"(version: 1
deployment: managed_e2e
connections:
  demo_conn:
    source: demo
    type: COMMUNITY
    options: {token: "${env.GITHUB_TOKEN}"}
pipelines:
  demo_managed:
    source: demo
    connection: demo_conn
    ingestion: managed
    catalog: main
    schema: raw
    objects:
      - table:
          source_table: items
          table_configuration: {scd_type: SCD_TYPE_1, primary_keys: [id], page_size: "50"}
    packages:
      - build: {source_dir: connector/demo, version: 0.1.0}
)";

class DeclarativeManaged : public DeclarativeTest {
 protected:
  void SetUp() override {
    startEmulator();
    const fs::path demo = fs::path(CC_TESTS_DIR) / "fixtures/connectors_checkout/src/databricks/labs/community_connector/sources/demo";
    fs::create_directories(work_ / "connector");
    fs::copy(demo, work_ / "connector" / "demo", fs::copy_options::recursive);
    test_support::writeText(work_ / "managed.yaml", kManagedManifest);
  }

  // Mutating requests since `skip` whose path starts with `prefix`.
  std::vector<nlohmann::json> mutatingUnder(std::size_t skip, const std::string& prefix) const {
    std::vector<nlohmann::json> out;
    for (auto& r : mutatingSince(skip))
      if (r.value("path", "").rfind(prefix, 0) == 0) out.push_back(r);
    return out;
  }

  nlohmann::json pipelineSpec(const std::string& name) {
    auto found = api_->findPipelinesByName(name);
    EXPECT_TRUE(found.ok() && found.value().size() == 1);
    if (!found.ok() || found.value().size() != 1) return {};
    auto got = api_->getPipeline(found.value().front().pipelineId);
    EXPECT_TRUE(got.ok());
    return got.ok() ? got.value().value("spec", nlohmann::json::object()) : nlohmann::json::object();
  }
};

TEST_F(DeclarativeManaged, AppliesReplansEmptyReuploadsOnlyAChangedWheelAndDestroys) {
  auto applied = cli({"apply", "-f", "managed.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;

  const nlohmann::json spec = pipelineSpec("demo_managed");
  const nlohmann::json& definition = spec.at("ingestion_definition");
  EXPECT_EQ(definition.value("connection_name", ""), "demo_conn");
  const nlohmann::json& table = definition.at("objects").at(0).at("table");
  EXPECT_EQ(table.value("destination_catalog", ""), "main");
  EXPECT_EQ(table.value("destination_schema", ""), "raw");
  EXPECT_EQ(table.at("table_configuration"), (nlohmann::json{{"scd_type", "SCD_TYPE_1"}, {"primary_keys", {"id"}}}));
  EXPECT_EQ(table.at("connector_options"), (nlohmann::json{{"community_connector_options", {{"options", {{"page_size", "50"}}}}}}));
  EXPECT_EQ(spec.at("environment").at("dependencies"), nlohmann::json::array({kWheelPath}));
  EXPECT_EQ(spec.at("configuration").value("pipelines.managedIngestion.registerPythonDataSource", ""), "true");
  EXPECT_FALSE(spec.contains("libraries"));
  EXPECT_EQ(countRepos(), 0u);
  auto wheel = api_->downloadFile(kWheelPath);
  ASSERT_TRUE(wheel.ok());
  EXPECT_EQ(wheel.value().substr(0, 2), "PK");

  auto again = cli({"plan", "-f", "managed.yaml", "--detailed-exitcode"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;

  // import writes the managed pipeline back; with its wheel copied where the note says, the
  // written manifest plans to nothing.
  auto imported = cli({"import"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("    ingestion: managed\n"));
  EXPECT_THAT(imported.out, HasSubstr("      - wheel: packages/lakeflow_community_connector_demo-0.1.0-py3-none-any.whl\n"));
  EXPECT_THAT(imported.err, HasSubstr("copy each to packages/ beside this manifest"));
  test_support::writeText(work_ / "imported.yaml", imported.out);
  fs::create_directories(work_ / "packages");
  test_support::writeText(work_ / "packages/lakeflow_community_connector_demo-0.1.0-py3-none-any.whl", wheel.value());
  Environment importedEnv = env_;
  importedEnv["DEMO_CONN_TOKEN"] = kSentinelSecret;
  auto replanned = runCli({"plan", "-f", "imported.yaml", "--detailed-exitcode"}, work_, importedEnv);
  EXPECT_EQ(replanned.exit, 0) << imported.out << replanned.out << replanned.err;

  // One source file changes: its wheel alone is sent again; the pipeline is untouched.
  test_support::writeText(work_ / "connector/demo/demo.py", readText(work_ / "connector/demo/demo.py") + "\n# v2\n");
  auto changed = cli({"plan", "-f", "managed.yaml", "--detailed-exitcode"});
  EXPECT_EQ(changed.exit, 2) << changed.out << changed.err;
  EXPECT_THAT(changed.out, HasSubstr("volume_file"));
  const std::size_t before = logLines(log());
  auto reapplied = cli({"apply", "-f", "managed.yaml", "--auto-approve"});
  ASSERT_EQ(reapplied.exit, 0) << reapplied.out << reapplied.err;
  const auto uploads = mutatingUnder(before, "/api/2.0/fs/files");
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads.front().value("method", ""), "PUT");
  EXPECT_TRUE(mutatingUnder(before, "/api/2.0/pipelines").empty());
  auto sent = api_->downloadFile(kWheelPath);
  ASSERT_TRUE(sent.ok());
  EXPECT_NE(engine::sha256Hex(sent.value()), engine::sha256Hex(wheel.value()));

  auto destroyed = cli({"destroy", "-f", "managed.yaml", "--auto-approve", "--allow-mass-delete"});
  ASSERT_EQ(destroyed.exit, 0) << destroyed.out << destroyed.err;
  EXPECT_TRUE(pipelineNames().empty());
  EXPECT_EQ(countConnections(), 0u);
  auto gone = api_->findFile(kWheelPath);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone.value().has_value());
  // The volume is shared: it stays.
  auto volume = api_->findVolume("main.raw.community_connector");
  ASSERT_TRUE(volume.ok());
  EXPECT_TRUE(volume.value().has_value());
}

TEST_F(DeclarativeManaged, APackageFileNoDeploymentOwnsIsNotOverwritten) {
  auto volume = api_->createVolume({{"catalog_name", "main"}, {"schema_name", "raw"}, {"name", "community_connector"},
                                    {"volume_type", "MANAGED"}});
  ASSERT_TRUE(volume.ok());
  ASSERT_TRUE(api_->uploadFile(kWheelPath, "another team's wheel").ok());
  const std::size_t before = logLines(log());
  auto r = cli({"apply", "-f", "managed.yaml", "--auto-approve"});
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("volume_file " + std::string(kWheelPath) + " exists in the workspace, belongs to no deployment"));
  EXPECT_TRUE(mutatingUnder(before, "/api/").empty());
  auto kept = api_->downloadFile(kWheelPath);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept.value(), "another team's wheel");
}

TEST_F(DeclarativeManaged, ValidateLocatesFieldsOfTheOtherModeAndMissingPackages) {
  test_support::writeText(work_ / "bad.yaml", R"(version: 1
pipelines:
  ws:
    source: demo
    connection: c
    objects: [{table: {source_table: items}}]
    packages: [{wheel: dist/x.whl}]
  managed:
    source: demo
    ingestion: managed
    objects: [{table: {source_table: items}}]
    packages: [{wheel: dist/missing.whl}, {build: {source_dir: nowhere}}]
)");
  auto r = cli({"validate", "-f", "bad.yaml"});
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("bad.yaml:7:5: error: pipeline 'ws': packages is for managed pipelines only"));
  EXPECT_THAT(r.err, HasSubstr("'pipelines.managed' is missing the required key 'connection'"));
  EXPECT_THAT(r.err, HasSubstr("bad.yaml:12:24: error: package file 'dist/missing.whl' not found"));
  EXPECT_THAT(r.err, HasSubstr("package source folder 'nowhere' not found"));
}

}  // namespace
}  // namespace cc::e2e
