// Managed ingestion pipeline bodies, rule by rule, as today's original tool builds them.
#include "engine/managed_pipeline_body.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

using json = nlohmann::json;

json build(const ManagedPipelineInput& in) {
  auto r = buildManagedPipelineBody(in);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.diagnostics().items().front().summary);
  return r.ok() ? *r : json();
}

std::string errorOf(const ManagedPipelineInput& in) {
  auto r = buildManagedPipelineBody(in);
  return r.ok() ? std::string() : r.diagnostics().items().front().summary;
}

TEST(ManagedPipelineBody, ABareSpecBecomesTheIngestionDefinitionWithDestinationsBackfilled) {
  ManagedPipelineInput in;
  in.name = "gh";
  in.connectionName = "gh_conn";
  in.catalog = "bronze";
  in.spec = json::parse(R"({"objects": [{"table": {"source_table": "issues"}},
                                         {"table": {"source_table": "pulls", "destination_schema": "other",
                                                    "source_schema": "repo"}},
                                         {"schema": {"source_schema": "all"}}]})");
  in.dependencies = {"/Volumes/bronze/default/community_connector/packages/gh-0.1.0-py3-none-any.whl"};
  const json body = build(in);
  EXPECT_EQ(body["name"], "gh");
  EXPECT_EQ(body["catalog"], "bronze");
  EXPECT_EQ(body["schema"], "default");  // no -t: the default
  EXPECT_EQ(body["channel"], "PREVIEW");
  EXPECT_EQ(body["serverless"], true);
  EXPECT_EQ(body["configuration"][kRegisterPythonDataSourceKey], "true");
  EXPECT_EQ(body["environment"]["dependencies"], json(in.dependencies));
  const json& d = body["ingestion_definition"];
  EXPECT_EQ(d["source_type"], "COMMUNITY");
  EXPECT_EQ(d["connection_name"], "gh_conn");
  EXPECT_EQ(d["objects"][0]["table"],
            json::parse(R"({"source_table": "issues", "destination_catalog": "bronze",
                            "destination_schema": "default", "source_schema": "default"})"));
  EXPECT_EQ(d["objects"][1]["table"]["destination_schema"], "other");  // given values stay
  EXPECT_EQ(d["objects"][1]["table"]["source_schema"], "repo");
  EXPECT_EQ(d["objects"][2]["schema"]["destination_catalog"], "bronze");
  EXPECT_EQ(d["objects"][2]["schema"]["source_schema"], "all");  // a schema object gets no source default
}

TEST(ManagedPipelineBody, OnlyAConnectionGivesAnEmptyPipeline) {
  ManagedPipelineInput in;
  in.name = "empty";
  in.connectionName = "c";
  const json body = build(in);
  EXPECT_EQ(body["ingestion_definition"]["objects"], json::array());
  EXPECT_EQ(body["ingestion_definition"]["connection_name"], "c");
  EXPECT_EQ(body["catalog"], "main");
}

TEST(ManagedPipelineBody, AnUpdateOfABareSpecSetsNeitherChannelNorServerless) {
  ManagedPipelineInput in;
  in.name = "gh";
  in.connectionName = "c";
  in.create = false;
  const json body = build(in);
  EXPECT_FALSE(body.contains("channel"));
  EXPECT_FALSE(body.contains("serverless"));
}

TEST(ManagedPipelineBody, AFullSpecKeepsTheUsersFieldsAndTheCommandLineNamesWin) {
  ManagedPipelineInput in;
  in.name = "from_cli";
  in.connectionName = "cli_conn";
  in.schema = "cli_schema";
  in.dependencies = {"/Volumes/x/y/z/w.whl"};
  in.spec = json::parse(R"({"name": "from_file", "catalog": "file_cat", "continuous": true,
      "configuration": {"a": "1", "pipelines.managedIngestion.registerPythonDataSource": "false"},
      "environment": {"dependencies": ["mine.whl"]},
      "ingestion_definition": {"connection_name": "file_conn", "objects": [{"table": {"source_table": "t"}}]}})");
  const json body = build(in);
  EXPECT_EQ(body["name"], "from_cli");
  EXPECT_EQ(body["catalog"], "file_cat");
  EXPECT_EQ(body["schema"], "cli_schema");
  EXPECT_EQ(body["continuous"], true);
  EXPECT_EQ(body["configuration"]["a"], "1");
  EXPECT_EQ(body["configuration"][kRegisterPythonDataSourceKey], "false");  // the user's value stays
  EXPECT_EQ(body["environment"]["dependencies"], json::array({"mine.whl"}));  // present: not replaced
  EXPECT_EQ(body["ingestion_definition"]["connection_name"], "cli_conn");
  EXPECT_EQ(body["ingestion_definition"]["source_type"], "COMMUNITY");
  EXPECT_FALSE(body["ingestion_definition"]["objects"][0]["table"].contains("destination_catalog"));  // not backfilled
  EXPECT_FALSE(body.contains("channel"));
}

TEST(ManagedPipelineBody, RefusalsSayWhatIsWrong) {
  ManagedPipelineInput in;
  in.name = "p";
  EXPECT_NE(errorOf(in).find("no connection is named"), std::string::npos) << errorOf(in);
  in.connectionName = "c";
  in.spec = json::parse(R"({"objects": {"table": {}}})");
  EXPECT_NE(errorOf(in).find("objects must be a list"), std::string::npos);
  in.spec = json::parse(R"({"objects": [{"table": {}}, {"tables": {}}]})");
  EXPECT_NE(errorOf(in).find("objects[1] holds none of table, schema or report"), std::string::npos);
  in.spec = json::array();
  EXPECT_NE(errorOf(in).find("must be a mapping"), std::string::npos);
  in.spec = json::parse(R"({"ingestion_definition": "x"})");
  EXPECT_NE(errorOf(in).find("ingestion_definition must be a mapping"), std::string::npos);
}

}  // namespace
}  // namespace cc::engine
