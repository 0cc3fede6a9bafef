#include "engine/pipeline_spec_validator.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cc::engine {
namespace {

using nlohmann::json;

json minimal() { return json::parse(R"({"connection_name": "c", "objects": [{"table": {"source_table": "t"}}]})"); }

std::vector<std::string> texts(const std::vector<PipelineSpecIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.text());
  return out;
}

TEST(PipelineSpecValidator, AcceptsMinimalAndFullSpecsWithoutWarnings) {
  auto r = validatePipelineSpec(minimal());
  EXPECT_TRUE(r.valid());
  EXPECT_TRUE(r.warnings.empty());
  auto full = json::parse(R"({"connection_name": "c", "objects": [{"table": {"source_table": "t",
    "destination_catalog": "", "destination_schema": "s", "destination_table": "d",
    "table_configuration": {"scd_type": "SCD_TYPE_2", "primary_keys": ["id"], "cluster_by": ["x"]}}}]})");
  EXPECT_TRUE(validatePipelineSpec(full).valid());
  EXPECT_TRUE(validatePipelineSpec(full).warnings.empty());
  for (const auto& t : scdTypes()) {
    full["objects"][0]["table"]["table_configuration"]["scd_type"] = t;
    EXPECT_TRUE(validatePipelineSpec(full).valid()) << t;
  }
}

TEST(PipelineSpecValidator, TopLevelRulesUseTheOriginalMessages) {
  EXPECT_EQ(pipelineSpecError(json("x")), "Invalid pipeline spec: Pipeline spec must be a dictionary");
  EXPECT_EQ(pipelineSpecError(json::array()), "Invalid pipeline spec: Pipeline spec must be a dictionary");
  EXPECT_EQ(pipelineSpecError(json::parse(R"({"objects": [{"table": {"source_table": "t"}}]})")),
            "Invalid pipeline spec: 'connection_name' is required");
  for (const char* bad : {R"("")", R"("   ")", "5"}) {
    auto spec = minimal();
    spec["connection_name"] = json::parse(bad);
    EXPECT_EQ(pipelineSpecError(spec), "Invalid pipeline spec: 'connection_name' must be a non-empty string");
  }
  EXPECT_EQ(pipelineSpecError(json::parse(R"({"connection_name": "c"})")), "Invalid pipeline spec: 'objects' is required");
  EXPECT_EQ(pipelineSpecError(json::parse(R"({"connection_name": "c", "objects": {}})")),
            "Invalid pipeline spec at 'objects': 'objects' must be a list");
  EXPECT_EQ(pipelineSpecError(json::parse(R"({"connection_name": "c", "objects": []})")),
            "Invalid pipeline spec at 'objects': 'objects' must contain at least one table");
}

TEST(PipelineSpecValidator, ReportsEveryObjectErrorWithItsPath) {
  auto spec = json::parse(R"({"connection_name": "c", "objects": [
    "x", {"tab": 1}, {"table": []}, {"table": {}}, {"table": {"source_table": " "}},
    {"table": {"source_table": "t", "destination_catalog": 1, "destination_schema": true, "destination_table": null}},
    {"table": {"source_table": "t", "table_configuration": "x"}},
    {"table": {"source_table": "t", "table_configuration": {"scd_type": 1, "primary_keys": "id"}}},
    {"table": {"source_table": "t", "table_configuration": {"scd_type": "scd_type_1", "primary_keys": ["a", 1]}}}]})");
  auto r = validatePipelineSpec(spec);
  EXPECT_EQ(texts(r.errors), (std::vector<std::string>{
      "Invalid pipeline spec at 'objects[0]': Each object must be a dictionary",
      "Invalid pipeline spec at 'objects[1]': 'table' is required",
      "Invalid pipeline spec at 'objects[2].table': 'table' must be a dictionary",
      "Invalid pipeline spec at 'objects[3].table': 'source_table' is required",
      "Invalid pipeline spec at 'objects[4].table.source_table': 'source_table' must be a non-empty string",
      "Invalid pipeline spec at 'objects[5].table.destination_catalog': 'destination_catalog' must be a string",
      "Invalid pipeline spec at 'objects[5].table.destination_schema': 'destination_schema' must be a string",
      "Invalid pipeline spec at 'objects[5].table.destination_table': 'destination_table' must be a string",
      "Invalid pipeline spec at 'objects[6].table.table_configuration': 'table_configuration' must be a dictionary",
      "Invalid pipeline spec at 'objects[7].table.table_configuration.scd_type': 'scd_type' must be a string",
      "Invalid pipeline spec at 'objects[7].table.table_configuration.primary_keys': 'primary_keys' must be a list",
      "Invalid pipeline spec at 'objects[8].table.table_configuration.scd_type': 'scd_type' must be one of "
      "{'APPEND_ONLY', 'SCD_TYPE_1', 'SCD_TYPE_2'}, got 'scd_type_1'",
      "Invalid pipeline spec at 'objects[8].table.table_configuration.primary_keys[1]': 'primary_keys[1]' must be a string"}));
  EXPECT_EQ(r.errors[1].pointer, "/objects/1");
  EXPECT_EQ(r.errors.back().pointer, "/objects/8/table/table_configuration/primary_keys/1");
  std::vector<int> rules;
  for (const auto& e : r.errors) rules.push_back(e.rule);
  EXPECT_EQ(rules, (std::vector<int>{7, 8, 9, 10, 11, 12, 12, 12, 13, 14, 16, 15, 17}));
}

TEST(PipelineSpecValidator, WarnsAboutUnknownKeysPerObjectThenTopLevel) {
  auto spec = json::parse(R"({"connection_name": "c", "zeta": 1, "alpha": 2, "objects": [
    {"table": {"source_table": "t", "b_key": 1, "a_key": 2}, "extra": 1}]})");
  auto r = validatePipelineSpec(spec);
  EXPECT_TRUE(r.valid());
  EXPECT_EQ(texts(r.warnings), (std::vector<std::string>{
      "Unknown keys in 'objects[0].table' will be ignored: {'a_key', 'b_key'}",
      "Unknown keys in 'objects[0]' will be ignored: {'extra'}",
      "Unknown top-level keys will be ignored: {'alpha', 'zeta'}"}));
  EXPECT_EQ(r.warnings[0].pointer, "/objects/0/table");
}

TEST(PipelineSpecValidator, ObjectsAloneSkipTheConnectionName) {
  auto r = validatePipelineObjects(json::parse(R"([{"table": {}}])"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].text(), "Invalid pipeline spec at 'objects[0].table': 'source_table' is required");
}

}  // namespace
}  // namespace cc::engine
