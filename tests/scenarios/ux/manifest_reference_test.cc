// docs/manifest-reference.md is generated from the schema (`community-connector schema
// --markdown`); this test fails when it is stale, and checks that the schema documents every
// field (descriptions everywhere, examples on leaves). The generator's own test is
// tests/render/schema_markdown_test.cc.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ux_runner.h"

namespace cc::ux_test {
namespace {

using nlohmann::json;

TEST(ManifestReferenceTest, DocsMatchTheSchema) {
  const std::string committed = readText(fs::path(CC_SOURCE_DIR) / "docs/manifest-reference.md");
  auto r = runCli({"schema", "--markdown"}, fs::temp_directory_path());
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_TRUE(committed == r.out)
      << "docs/manifest-reference.md is out of date; regenerate it with\n"
         "  community-connector schema --markdown > docs/manifest-reference.md";
}

void expectDocumented(const json& node, const std::string& path, std::vector<std::string>& missing) {
  if (!node.is_object()) return;
  if (!node.contains("$ref") && !node.contains("description")) missing.push_back(path + " (description)");
  const bool leaf = node.contains("type") && node["type"].is_string() && node["type"] != "object" && node["type"] != "array";
  if (leaf && !node.contains("examples") && !node.contains("enum")) missing.push_back(path + " (examples)");
  if (node.contains("properties"))
    for (auto it = node["properties"].begin(); it != node["properties"].end(); ++it)
      expectDocumented(*it, path + "." + it.key(), missing);
  if (node.contains("additionalProperties")) expectDocumented(node["additionalProperties"], path + ".<name>", missing);
  if (node.contains("items")) expectDocumented(node["items"], path + "[]", missing);
  if (node.contains("definitions"))
    for (auto it = node["definitions"].begin(); it != node["definitions"].end(); ++it)
      expectDocumented(*it, "#" + it.key(), missing);
}

TEST(ManifestReferenceTest, EveryFieldHasADescriptionAndLeavesHaveExamples) {
  const json schema = json::parse(readText(fs::path(CC_SOURCE_DIR) / "schemas/manifest.schema.json"));
  std::vector<std::string> missing;
  expectDocumented(schema, "", missing);
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

}  // namespace
}  // namespace cc::ux_test
