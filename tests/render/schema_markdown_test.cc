// The manifest reference in Markdown (render/schema_markdown.cc): paths, types, examples.
#include "render/schema_markdown.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cc::render {
namespace {

TEST(ManifestReferenceTest, GeneratorWritesPathsTypesAndExamples) {
  const auto schema = nlohmann::ordered_json::parse(R"({
    "description": "top", "type": "object", "required": ["version"],
    "properties": {
      "version": {"type": "integer", "enum": [1], "description": "format version", "examples": [1]},
      "pipelines": {"type": "object", "description": "by name",
        "additionalProperties": {"$ref": "#/definitions/p"}}},
    "definitions": {"p": {"type": "object", "description": "one pipeline",
      "properties": {"objects": {"type": "array", "description": "tables",
        "items": {"type": "string", "description": "a table", "examples": ["issues"]}}}}}})");
  const std::string md = manifestReferenceMarkdown(schema);
  EXPECT_NE(md.find("### `version`\n\n- type: integer (required)\n- one of: `1`\n\nformat version"), std::string::npos) << md;
  EXPECT_NE(md.find("### `pipelines.<name>`"), std::string::npos) << md;
  EXPECT_NE(md.find("### `pipelines.<name>.objects[]`"), std::string::npos) << md;
  EXPECT_NE(md.find("```json\n\"issues\"\n```"), std::string::npos) << md;
}

}  // namespace
}  // namespace cc::render
