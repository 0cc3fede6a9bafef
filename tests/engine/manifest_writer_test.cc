// The manifest `import` writes from observed resources (engine/manifest_writer.cc), without a
// workspace.
#include "engine/manifest_writer.h"

#include <gtest/gtest.h>

#include "engine/ingest_template.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using testing::bundled;

TEST(ManifestWriterTest, SharedNonDefaultWorkspacePathBecomesADefault) {
  ImportedWorkspace ws;
  ws.userName = "alice@example.com";
  for (const std::string name : {"a", "b"}) {
    ImportedPipeline p;
    const std::string wp = "/Shared/connectors/" + name;
    p.spec = {{"name", name}, {"root_path", wp}, {"catalog", "main"}, {"target", "github"},
              {"channel", "PREVIEW"}, {"continuous", false}, {"development", true}, {"serverless", true},
              {"libraries", json::parse(R"([{"file": {"path": ")" + wp + R"(/ingest.py"}}])")}};
    p.ingestContent = renderIngestFile(bundled(), "github", "conn", json::parse(R"([{"table": {"source_table": "t"}}])"));
    ws.pipelines.push_back(p);
  }
  ImportedPipeline odd = ws.pipelines[0];
  odd.spec["name"] = "odd";
  odd.spec["root_path"] = "/Elsewhere/odd";
  ws.pipelines.push_back(odd);
  WrittenManifest m = writeManifest(ws, bundled());
  EXPECT_NE(m.yaml.find("workspace_path: /Shared/connectors/{PIPELINE_NAME}"), std::string::npos) << m.yaml;
  EXPECT_NE(m.yaml.find("\n  a:\n"), std::string::npos) << m.yaml;
  EXPECT_EQ(m.yaml.find("\n  odd:\n"), std::string::npos) << m.yaml;
  ASSERT_FALSE(m.notes.empty());
  EXPECT_NE(m.notes.back().find("pipeline odd is left out"), std::string::npos);
}

TEST(ManifestWriterTest, OptionValuesThatLookLikeOtherTypesAreQuoted) {
  ImportedWorkspace ws;
  ImportedConnection c;
  c.info = {{"name", "c"}, {"options", {{"sourceName", "s"}, {"flag", "true"}, {"count", "12"}, {"empty", ""}}}};
  c.secretKeys = {"token"};
  ws.connections.push_back(c);
  WrittenManifest m = writeManifest(ws, bundled());
  EXPECT_NE(m.yaml.find("flag: \"true\""), std::string::npos) << m.yaml;
  EXPECT_NE(m.yaml.find("count: \"12\""), std::string::npos) << m.yaml;
  EXPECT_NE(m.yaml.find("empty: \"\""), std::string::npos) << m.yaml;
  EXPECT_NE(m.yaml.find("token: ${env.C_TOKEN}  # secret"), std::string::npos) << m.yaml;
  EXPECT_EQ(secretEnvName("my-conn.x", "api key"), "MY_CONN_X_API_KEY");
}

TEST(ManifestWriterTest, OAuthConnectionsGetAnAuthBlockWithoutSecretsOrGrant) {
  ImportedWorkspace ws;
  ImportedConnection c;
  c.info = {{"name", "mail"},
            {"connection_type", "COMMUNITY"},
            {"options",
             {{"sourceName", "gmail"},
              {"community_oauth_flow", "u2m"},
              {"client_id", "mail-app"},
              {"authorization_endpoint", "https://idp.example.test/authorize"},
              {"oauth_redirect_uri", "http://127.0.0.1:8765/callback"},
              {"region", "eu"}}}};
  c.secretKeys = {"client_secret"};
  ws.connections.push_back(c);
  WrittenManifest m = writeManifest(ws, bundled());
  EXPECT_NE(m.yaml.find("    auth:\n      type: u2m\n      client_id: mail-app\n      client_secret: ${env.MAIL_CLIENT_SECRET}"),
            std::string::npos)
      << m.yaml;
  EXPECT_NE(m.yaml.find("      authorization_endpoint: https://idp.example.test/authorize\n"), std::string::npos) << m.yaml;
  EXPECT_NE(m.yaml.find("    options:\n      region: eu"), std::string::npos) << m.yaml;
  for (const char* left : {"community_oauth_flow", "oauth_redirect_uri", "authorization_code"})
    EXPECT_EQ(m.yaml.find(left), std::string::npos) << left << "\n" << m.yaml;
}

}  // namespace
}  // namespace cc::engine
