// `import` against the emulator: apply a manifest, import the workspace, and the imported
// manifest plans to zero changes; filters; resources made by the original tool's commands.
#include <gtest/gtest.h>

#include "ux_runner.h"

namespace cc::ux_test {
namespace {

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(emulator_.ok()) << emulator_.error();
    env_ = emulatorEnvironment(emulator_);
    dir_ = scratch(emulator_, "import");
  }

  RunResult cli(const std::vector<std::string>& args) { return runCli(args, dir_, env_); }

  void applyRoundTripManifest() {
    env_["UX_GITHUB_TOKEN"] = "ghp_round_trip_secret";
    env_["UX_SF_CLIENT"] = "sf-client-value";
    fs::copy_file(fs::path(CC_TESTS_DIR) / "fixtures/ux/roundtrip.yaml", dir_ / "connectors.yaml");
    auto applied = cli({"apply", "--auto-approve"});
    ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  }

  test_support::EmulatorProcess emulator_{CC_EMULATOR_BINARY};
  Environment env_;
  fs::path dir_;
};

TEST_F(ImportTest, ImportedManifestPlansToZeroChanges) {
  applyRoundTripManifest();
  auto imported = cli({"import"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  EXPECT_EQ(imported.out.find("ghp_round_trip_secret"), std::string::npos) << "a secret leaked into the manifest";
  EXPECT_NE(imported.out.find("token: ${env.GH_CONN_TOKEN}"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("client_id: ${env.SF_CONN_CLIENT_ID}"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("set GH_CONN_TOKEN"), std::string::npos) << imported.err;
  EXPECT_NE(imported.out.find("source_table: pulls"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("comment: team data"), std::string::npos) << imported.out;
  writeText(dir_ / "imported.yaml", imported.out);

  // The secrets come from the environment under the names import chose.
  env_["GH_CONN_TOKEN"] = "ghp_round_trip_secret";
  env_["SF_CONN_CLIENT_ID"] = "sf-client-value";
  auto validated = cli({"validate", "-f", "imported.yaml"});
  ASSERT_EQ(validated.exit, 0) << validated.out << validated.err << imported.out;
  auto plan = cli({"plan", "-f", "imported.yaml", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit, 0) << plan.out << plan.err << "\nimported manifest:\n" << imported.out;

  // A changed secret is a change: the env reference is live, not decoration.
  env_["GH_CONN_TOKEN"] = "ghp_another_value";
  auto changed = cli({"plan", "-f", "imported.yaml", "--detailed-exitcode"});
  EXPECT_EQ(changed.exit, 2) << changed.out << changed.err;
}

TEST_F(ImportTest, SourceFilterKeepsOneSource) {
  applyRoundTripManifest();
  auto imported = cli({"import", "--source", "salesforce"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  EXPECT_NE(imported.out.find("sf_accounts:"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("sf_conn:"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.out.find("gh_issues"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.out.find("gh_conn:"), std::string::npos) << imported.out;
}

TEST_F(ImportTest, OriginalToolResourcesImportAndOwnedOnlySkipsThem) {
  auto conn = cli({"create_connection", "github", "orig_conn", "-o", R"({"token": "ghp_original_value"})"});
  ASSERT_EQ(conn.exit, 0) << conn.out << conn.err;
  auto pipe = cli({"create_pipeline", "github", "orig_pipe", "-ps",
                   R"({"connection_name": "orig_conn", "objects": [{"table": {"source_table": "issues"}}]})"});
  ASSERT_EQ(pipe.exit, 0) << pipe.out << pipe.err;

  auto all = cli({"import"});
  ASSERT_EQ(all.exit, 0) << all.err;
  EXPECT_NE(all.out.find("orig_pipe:"), std::string::npos) << all.out << all.err;
  EXPECT_NE(all.out.find("connection: orig_conn"), std::string::npos) << all.out;
  EXPECT_EQ(all.out.find("ghp_original_value"), std::string::npos);
  writeText(dir_ / "imported.yaml", all.out);
  auto plan = cli({"plan", "-f", "imported.yaml", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit, 0) << plan.out << plan.err << "\nimported manifest:\n" << all.out;

  // Without objects (the plain template) a pipeline cannot be a manifest entry: left out, said.
  auto plain = cli({"create_pipeline", "github", "plain_pipe", "-n", "orig_conn"});
  ASSERT_EQ(plain.exit, 0) << plain.out << plain.err;
  auto again = cli({"import"});
  EXPECT_EQ(again.out.find("plain_pipe:"), std::string::npos) << again.out;
  EXPECT_NE(again.err.find("pipeline plain_pipe is left out"), std::string::npos) << again.err;

  auto owned = cli({"import", "--owned-only"});
  ASSERT_EQ(owned.exit, 0) << owned.err;
  EXPECT_EQ(owned.out.find("orig_pipe"), std::string::npos) << owned.out;
  EXPECT_EQ(owned.out.find("orig_conn"), std::string::npos) << owned.out;
}

TEST_F(ImportTest, TheSchemaTheManifestNamesIsWrittenBesideIt) {
  auto imported = cli({"import"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  EXPECT_EQ(imported.out.rfind("# yaml-language-server: $schema=manifest.schema.json\n", 0), 0u) << imported.out;
  auto written = cli({"schema", "--write"});
  ASSERT_EQ(written.exit, 0) << written.err;
  EXPECT_EQ(readText(dir_ / "manifest.schema.json"), cli({"schema"}).out);
  ASSERT_EQ(cli({"schema", "--write", "other.json"}).exit, 0);
  EXPECT_TRUE(fs::exists(dir_ / "other.json"));
}

TEST_F(ImportTest, EmptyWorkspaceGivesAValidEmptyManifest) {
  auto imported = cli({"import"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  writeText(dir_ / "empty.yaml", imported.out);
  auto validated = cli({"validate", "-f", "empty.yaml"});
  EXPECT_EQ(validated.exit, 0) << imported.out << validated.out << validated.err;
}

}  // namespace
}  // namespace cc::ux_test
