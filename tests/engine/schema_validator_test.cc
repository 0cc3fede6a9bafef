#include "engine/schema_validator.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "engine/embedded_schemas.h"
#include "engine/manifest_loader.h"

namespace cc::engine {
namespace {

Diagnostics check(const std::string& yaml) {
  auto loaded = loadYaml(yaml, "m.yaml");
  EXPECT_TRUE(loaded.ok());
  Diagnostics diags;
  if (loaded.ok()) SchemaValidator::manifest().validate(loaded->document, loaded->sources, diags);
  return diags;
}

std::vector<std::string> summaries(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& i : d.items()) out.push_back(i.summary);
  return out;
}

TEST(SchemaValidator, EmbeddedSchemasAreDraft7AndCompile) {
  for (auto text : {manifestSchemaText(), pipelineSpecSchemaText(), connectorSpecSchemaText()}) {
    auto doc = nlohmann::json::parse(text);
    EXPECT_EQ(doc["$schema"], "http://json-schema.org/draft-07/schema#");
    EXPECT_TRUE(SchemaValidator::compile(text).ok());
  }
}

TEST(SchemaValidator, EveryManifestPropertyHasADescriptionAndExamples) {
  auto schema = nlohmann::json::parse(manifestSchemaText());
  std::vector<std::string> missing;
  std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& n, const std::string& at) {
    if (!n.is_object()) return;
    if (auto p = n.find("properties"); p != n.end()) {
      for (const auto& [k, v] : p->items()) {
        if (!v.contains("$ref") && (!v.contains("description") || !v.contains("examples"))) missing.push_back(at + "/" + k);
        walk(v, at + "/" + k);
      }
    }
    for (const char* key : {"additionalProperties", "items"})
      if (auto c = n.find(key); c != n.end()) walk(*c, at + "/" + key);
    if (auto d = n.find("definitions"); d != n.end())
      for (const auto& [k, v] : d->items()) walk(v, "#" + k);
  };
  walk(schema, "");
  EXPECT_TRUE(missing.empty()) << missing.front();
}

TEST(SchemaValidator, AcceptsAValidManifest) {
  auto d = check("version: 1\nconnections:\n  c:\n    source: github\n    options: {token: x}\n"
                 "pipelines:\n  p:\n    source: github\n    connection: c\n    objects:\n      - table: {source_table: t}\n");
  EXPECT_TRUE(d.empty()) << summaries(d).front();
}

TEST(SchemaValidator, UnknownKeysSuggestTheClosestKnownKeyAtTheKeysPosition) {
  auto d = check("version: 1\nconnections:\n  c:\n    source: github\n    optoins: {}\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].summary, "unknown key 'optoins' in 'connections.c'; did you mean 'options'?");
  EXPECT_EQ(d.items()[0].range->toString(), "m.yaml:5:5");
  EXPECT_EQ(d.items()[0].detail, "known keys: auth, comment, options, source, spec, type");
}

TEST(SchemaValidator, OpenMapsAcceptAnyKey) {
  auto d = check("version: 1\nconnections:\n  c:\n    source: s\n    options: {anything: x, else: y}\n");
  EXPECT_TRUE(d.empty());
}

TEST(SchemaValidator, TypeErrorsNameTheExpectedType) {
  auto d = check("version: 1\nconnections:\n  c:\n    source: s\n    options: {n: 5}\n"
                 "pipelines:\n  p:\n    source: s\n    connection: c\n    objects: [{table: {source_table: t}}]\n"
                 "    run: {wait: 'yes'}\n    pipeline: {configuration: []}\n");
  EXPECT_EQ(summaries(d), (std::vector<std::string>{
      "'connections.c.options.n' must be a string, not an integer",
      "'pipelines.p.pipeline.configuration' must be a mapping, not a list",
      "'pipelines.p.run.wait' must be a boolean, not a string"}));
}

TEST(SchemaValidator, MissingRequiredKeysPointAtTheOwningKey) {
  auto d = check("version: 1\npipelines:\n  p:\n    source: s\n");
  EXPECT_EQ(summaries(d), (std::vector<std::string>{"'pipelines.p' is missing the required key 'connection'",
                                                    "'pipelines.p' is missing the required key 'objects'"}));
  EXPECT_EQ(d.items()[0].range->toString(), "m.yaml:3:3");
  auto root = check("connections: {}\n");
  EXPECT_EQ(summaries(root), std::vector<std::string>{"the manifest is missing the required key 'version'"});
}

TEST(SchemaValidator, IgnoredPointersAreLeftToOtherChecks) {
  auto loaded = loadYaml("version: 1\nbogus: 1\n", "m.yaml");
  Diagnostics diags;
  SchemaCheckOptions options;
  options.ignore = [](const std::string& p) { return p == "/bogus"; };
  SchemaValidator::manifest().validate(loaded->document, loaded->sources, diags, options);
  EXPECT_TRUE(diags.empty());
}

TEST(SchemaValidator, DisplayPath) {
  EXPECT_EQ(displayPath("/pipelines/p1/objects/0/table"), "pipelines.p1.objects[0].table");
  EXPECT_EQ(displayPath(""), "");
  EXPECT_EQ(displayPath("/a~1b"), "a/b");
}

TEST(SchemaValidator, UnknownKeysCanBeWarnings) {
  auto loaded = loadYaml("repo:\n  url: https://x\nfavourite_colour: blue\n", "config.yaml");
  ASSERT_TRUE(loaded.ok());
  Diagnostics strict, lenient;
  SchemaValidator::configDefaults().validate(loaded->document, loaded->sources, strict);
  SchemaCheckOptions options;
  options.unknownKeysAreWarnings = true;
  SchemaValidator::configDefaults().validate(loaded->document, loaded->sources, lenient, options);
  ASSERT_EQ(strict.errorCount(), 1u);
  EXPECT_EQ(lenient.errorCount(), 0u);
  ASSERT_EQ(lenient.warningCount(), 1u);
  EXPECT_EQ(lenient.items().front().summary, strict.items().front().summary);
  ASSERT_TRUE(lenient.items().front().range.has_value());
  EXPECT_EQ(lenient.items().front().range->line, 3);
}

}  // namespace
}  // namespace cc::engine
