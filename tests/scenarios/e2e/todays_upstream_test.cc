// Issue 15's whole scenario as one manifest against the emulator, in today's generation: a
// COMMUNITY m2m connection, a u2m connection authorized by the test playing the browser, a
// managed pipeline whose wheel is built from a source folder, and a workspace pipeline on a
// repository in the src layout. It applies, re-plans to nothing, re-sends only a changed wheel,
// and destroy removes all of it (the shared volume stays).
#include <gtest/gtest.h>

#include "browser_automation.h"
#include "declarative_support.h"
#include "engine/content_digest.h"

namespace cc::e2e {
namespace todays_upstream {

using ::testing::HasSubstr;

constexpr const char* kAdoSecret = "ado-client-secret-today-51";
constexpr const char* kMailSecret = "mail-client-secret-today-52";
constexpr const char* kGrant = "grant-code-today-53";
constexpr const char* kWheel =
    "/Volumes/main/raw/community_connector/packages/lakeflow_community_connector_gmail-0.1.0-py3-none-any.whl";
const std::string kWorkspacePipeline = "/Users/alice@example.com/.lakeflow_community_connectors/ado_ws";

const char* kManifest = R"(version: 1
deployment: today
connections:
  ado:
    source: azure_devops
    spec: specs/oauth_m2m.yaml
    options: {tenant_id: t-42, organization: contoso}
    auth: {type: m2m, client_id: ado-app, client_secret: "${env.ADO_SECRET}"}
  mail:
    source: gmail
    spec: specs/oauth_u2m.yaml
    auth: {client_id: mail-app, client_secret: "${env.MAIL_SECRET}"}
pipelines:
  mail_managed:
    source: gmail
    connection: mail
    ingestion: managed
    catalog: main
    schema: raw
    objects: [{table: {source_table: messages, table_configuration: {primary_keys: [id]}}}]
    packages: [{build: {source_dir: connector/gmail, version: 0.1.0}}]
  ado_ws:
    source: azure_devops
    connection: ado
    schema: raw
    repo: {layout: src}
    objects: [{table: {source_table: work_items}}]
)";

class TodaysUpstream : public DeclarativeTest {
 protected:
  void SetUp() override {
    startEmulator({"--repo-layout", "src"});
    env_["COMMUNITY_CONNECTOR_GENERATION"] = "current";
    env_["ADO_SECRET"] = kAdoSecret;
    env_["MAIL_SECRET"] = kMailSecret;
    fs::create_directories(work_ / "specs");
    for (const char* spec : {"oauth_m2m.yaml", "oauth_u2m.yaml"})
      fs::copy_file(fs::path(CC_TESTS_DIR) / "fixtures/manifests/specs" / spec, work_ / "specs" / spec);
    const fs::path demo =
        fs::path(CC_TESTS_DIR) / "fixtures/connectors_checkout/src/databricks/labs/community_connector/sources/demo";
    fs::create_directories(work_ / "connector");
    fs::copy(demo, work_ / "connector/gmail", fs::copy_options::recursive);
    test_support::writeText(work_ / "today.yaml", kManifest);
  }

  nlohmann::json specOf(const std::string& pipeline) {
    auto got = api_->getPipeline(pipelineId(pipeline));
    EXPECT_TRUE(got.ok());
    return got.ok() ? got.value().value("spec", nlohmann::json::object()) : nlohmann::json::object();
  }

  // Mutating requests since `skip`, without the deployment's own bookkeeping (state, lock).
  std::vector<nlohmann::json> workspaceChangesSince(std::size_t skip) const {
    std::vector<nlohmann::json> out;
    for (auto& r : mutatingSince(skip)) {
      const auto body = r.value("body", nlohmann::json::object());
      const std::string path = body.is_object() ? body.value("path", "") : "";
      if (path.rfind("/Shared/.community-connector/", 0) != 0) out.push_back(r);
    }
    return out;
  }

  void expectNothingSecret(const RunResult& r) {
    expectNoSecret(r);
    for (const char* secret : {kAdoSecret, kMailSecret, kGrant})
      EXPECT_EQ((r.out + r.err).find(secret), std::string::npos) << secret;
  }

  void expectAppliedAsDeclared() {
    auto ado = connection("ado");
    auto mail = connection("mail");
    ASSERT_TRUE(ado && mail);
    EXPECT_EQ(ado->value("connection_type", ""), "COMMUNITY");
    EXPECT_EQ((*ado)["options"].value("community_oauth_flow", ""), "m2m");
    EXPECT_EQ(mail->value("connection_type", ""), "COMMUNITY");
    EXPECT_EQ((*mail)["options"].value("community_oauth_flow", ""), "u2m");
    EXPECT_NE(readText(emulator_->statePath()).find(kGrant), std::string::npos) << "the grant reached the workspace";

    const nlohmann::json managed = specOf("mail_managed");
    EXPECT_EQ(managed["ingestion_definition"].value("connection_name", ""), "mail");
    EXPECT_EQ(managed["ingestion_definition"].value("source_type", ""), "COMMUNITY");
    EXPECT_EQ(managed["environment"]["dependencies"], nlohmann::json::array({kWheel}));
    EXPECT_FALSE(managed.contains("libraries"));

    const nlohmann::json workspace = specOf("ado_ws");
    EXPECT_EQ(workspace.value("root_path", ""), kWorkspacePipeline + "/src");
    EXPECT_EQ(workspace["libraries"][0]["file"].value("path", ""), kWorkspacePipeline + "/src/ingest.py");
    EXPECT_EQ(workspace.value("target", ""), "raw") << "a manifest's schema: is sent as target in both generations";
    EXPECT_FALSE(workspace.contains("ingestion_definition"));
    EXPECT_EQ(countRepos(), 1u);
  }
};

TEST_F(TodaysUpstream, OneManifestAppliesReplansEmptyResendsOneWheelAndDestroysIt) {
  Environment browser = env_;
  browser["COMMUNITY_CONNECTOR_BROWSER_AUTOMATION"] = "1";
  std::string redirect;
  auto applied = authorizeAsBrowser(
      startCli({"apply", "-f", "today.yaml", "--auto-approve", "--authorize", "mail"}, work_, browser), kGrant, redirect);
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  EXPECT_THAT(redirect, HasSubstr("http://127.0.0.1:"));
  expectNothingSecret(applied);
  expectAppliedAsDeclared();
  auto wheel = api_->downloadFile(kWheel);
  ASSERT_TRUE(wheel.ok());

  auto again = cli({"plan", "-f", "today.yaml", "--detailed-exitcode"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;
  expectNothingSecret(again);

  // One source file of the connector changes: its wheel alone is sent again.
  test_support::writeText(work_ / "connector/gmail/demo.py", readText(work_ / "connector/gmail/demo.py") + "\n# v2\n");
  const std::size_t before = logLines(log());
  auto resent = cli({"apply", "-f", "today.yaml", "--auto-approve"});
  ASSERT_EQ(resent.exit, 0) << resent.out << resent.err;
  EXPECT_THAT(resent.out, HasSubstr("0 to create, 1 to update, 0 to replace, 0 to delete"));
  const auto mutations = workspaceChangesSince(before);
  ASSERT_EQ(mutations.size(), 1u) << nlohmann::json(mutations).dump(1);
  EXPECT_EQ(mutations.front().value("method", ""), "PUT");
  EXPECT_EQ(mutations.front().value("path", ""), std::string("/api/2.0/fs/files") + kWheel);
  auto sent = api_->downloadFile(kWheel);
  ASSERT_TRUE(sent.ok());
  EXPECT_NE(engine::sha256Hex(sent.value()), engine::sha256Hex(wheel.value()));
  EXPECT_EQ(cli({"plan", "-f", "today.yaml", "--detailed-exitcode"}).exit, 0);

  auto destroyed = cli({"destroy", "-f", "today.yaml", "--auto-approve", "--allow-mass-delete"});
  ASSERT_EQ(destroyed.exit, 0) << destroyed.out << destroyed.err;
  expectNothingSecret(destroyed);
  EXPECT_TRUE(pipelineNames().empty());
  EXPECT_EQ(countConnections(), 0u);
  EXPECT_EQ(countRepos(), 0u);
  auto file = api_->findFile(kWheel);
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(file.value().has_value());
  auto volume = api_->findVolume("main.raw.community_connector");
  ASSERT_TRUE(volume.ok());
  EXPECT_TRUE(volume.value().has_value()) << "a volume is shared: destroy keeps it";
}

}  // namespace todays_upstream
}  // namespace cc::e2e
