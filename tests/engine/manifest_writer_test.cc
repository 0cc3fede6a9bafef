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

}  // namespace
}  // namespace cc::engine
