// Reading an ingest.py back (engine/ingest_file_reader.cc): what the template wrote, the plain
// template, and what is not ours.
#include "engine/ingest_file_reader.h"

#include <gtest/gtest.h>

#include "engine/ingest_template.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using testing::bundled;

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

}  // namespace
}  // namespace cc::engine
