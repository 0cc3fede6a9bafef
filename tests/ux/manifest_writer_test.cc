// The pieces of `import` that need no workspace: reading an ingest.py back, and the manifest
// the writer produces from observed resources.
#include "engine/manifest_writer.h"

#include <gtest/gtest.h>

#include "engine/ingest_file_reader.h"
#include "engine/ingest_template.h"

namespace cc::engine {
namespace {

using nlohmann::json;

BundledData bundled() {
  auto data = loadBundledData(CC_SOURCE_DIR);
  EXPECT_TRUE(data.ok());
  return *data;
}

TEST(IngestFileReaderTest, ReadsBackWhatTheTemplateWrote) {
  const json objects = json::parse(R"([{"table": {"source_table": "issues"}},
      {"table": {"source_table": "pulls", "table_configuration": {"scd_type": "SCD_TYPE_2",
       "primary_keys": ["id"], "deleted": true, "limit": 5, "note": "say \"hi\" ü"}}}])");
  const std::string content = renderIngestFile(bundled(), "github", "gh_conn", objects);
  auto facts = readIngestFile(content);
  ASSERT_TRUE(facts.has_value());
  EXPECT_EQ(facts->sourceName, "github");
  EXPECT_EQ(facts->connectionName, "gh_conn");
  ASSERT_TRUE(facts->objects.has_value());
  EXPECT_EQ(*facts->objects, objects);
}

TEST(IngestFileReaderTest, PlainTemplateGivesConnectionAndNoRealObjects) {
  auto facts = readIngestFile(renderIngestFile(bundled(), "zendesk", "zd", json::array()));
  ASSERT_TRUE(facts.has_value());
  EXPECT_EQ(facts->sourceName, "zendesk");
  EXPECT_EQ(facts->connectionName, "zd");
}

TEST(IngestFileReaderTest, RejectsWhatIsNotOurs) {
  EXPECT_FALSE(readIngestFile("print('hello')\n").has_value());
  // Spaces around `=` are optional, as in the original tool's search (update_pipeline).
  auto tight = readIngestFile("config = {\n    source_name=\"zendesk\",\n}\n");
  ASSERT_TRUE(tight.has_value());
  EXPECT_EQ(tight->sourceName, "zendesk");
  EXPECT_FALSE(parsePythonLiteral("{'single': quotes}").has_value());
  EXPECT_EQ(*parsePythonLiteral("{\"a\": [True, None, 1,],}"), json::parse(R"({"a": [true, null, 1]})"));
}

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
