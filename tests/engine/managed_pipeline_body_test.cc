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

// A managed pipeline as GET returns its spec: server fields, a setting the tool never writes.
json existingManagedSpec() {
  return json::parse(R"({"id": "p-1", "name": "gh", "catalog": "bronze", "schema": "raw", "channel": "PREVIEW",
      "serverless": true, "edition": "ADVANCED", "continuous": false,
      "configuration": {"pipelines.managedIngestion.registerPythonDataSource": "true", "team": "data"},
      "environment": {"dependencies": ["/Volumes/bronze/raw/community_connector/packages/old.whl"],
                      "environment_version": "2"},
      "ingestion_definition": {"connection_name": "gh_conn", "source_type": "COMMUNITY",
                               "objects": [{"table": {"source_table": "issues"}}]}})");
}

TEST(ManagedPipelineUpdate, ABareSpecTakesThePipelinesCatalogSchemaConnectionAndWheels) {
  ManagedPipelineInput in;
  in.name = "gh";
  in.spec = json::parse(R"({"objects": [{"table": {"source_table": "pulls"}}]})");
  const json existing = existingManagedSpec();
  const ManagedPipelineInput completed = updateInputFrom(in, existing, true);
  EXPECT_FALSE(completed.create);
  EXPECT_EQ(completed.connectionName, std::optional<std::string>("gh_conn"));
  EXPECT_EQ(completed.dependencies, std::vector<std::string>{"/Volumes/bronze/raw/community_connector/packages/old.whl"});
  const json merged = mergeManagedUpdate(existing, build(completed), "p-1");
  EXPECT_EQ(merged["id"], "p-1");
  EXPECT_EQ(merged["catalog"], "bronze");
  EXPECT_EQ(merged["schema"], "raw");
  EXPECT_EQ(merged["continuous"], false);  // fields the update does not write stay
  EXPECT_EQ(merged["serverless"], true);
  EXPECT_EQ(merged["configuration"]["team"], "data");
  EXPECT_EQ(merged["environment"], existing["environment"]);
  EXPECT_EQ(merged["ingestion_definition"]["objects"],
            json::parse(R"([{"table": {"source_table": "pulls", "destination_catalog": "bronze",
                                       "destination_schema": "raw", "source_schema": "default"}}])"));
  EXPECT_EQ(merged["ingestion_definition"]["connection_name"], "gh_conn");
  // The same tables again: the merge gives back exactly what GET returned (nothing to send).
  json backfilled = existing;
  backfilled["ingestion_definition"]["objects"] = json::parse(
      R"([{"table": {"source_table": "issues", "destination_catalog": "bronze", "destination_schema": "raw",
                     "source_schema": "default"}}])");
  in.spec = json::parse(R"({"objects": [{"table": {"source_table": "issues"}}]})");
  EXPECT_EQ(mergeManagedUpdate(backfilled, build(updateInputFrom(in, backfilled, true)), "p-1"), backfilled);
}

TEST(ManagedPipelineUpdate, CommandLineNamesWinAndReplacedWheelsKeepTheEnvironmentsOtherKeys) {
  ManagedPipelineInput in;
  in.name = "gh";
  in.connectionName = "new_conn";
  in.catalog = "silver";
  in.spec = json::parse(R"({"objects": []})");
  in.dependencies = {"/Volumes/silver/raw/community_connector/packages/new.whl"};
  const json existing = existingManagedSpec();
  const ManagedPipelineInput completed = updateInputFrom(in, existing, false);
  EXPECT_EQ(completed.dependencies, in.dependencies);
  const json merged = mergeManagedUpdate(existing, build(completed), "p-1");
  EXPECT_EQ(merged["catalog"], "silver");
  EXPECT_EQ(merged["schema"], "raw");
  EXPECT_EQ(merged["ingestion_definition"]["connection_name"], "new_conn");
  EXPECT_EQ(merged["environment"]["dependencies"], json(in.dependencies));
  EXPECT_EQ(merged["environment"]["environment_version"], "2");
}

TEST(ManagedPipelineUpdate, AFullSpecNamingItsConnectionKeepsIt) {
  ManagedPipelineInput in;
  in.name = "gh";
  in.spec = json::parse(R"({"ingestion_definition": {"connection_name": "own", "objects": []}})");
  const ManagedPipelineInput completed = updateInputFrom(in, existingManagedSpec(), true);
  EXPECT_FALSE(completed.connectionName.has_value());
  EXPECT_EQ(build(completed)["ingestion_definition"]["connection_name"], "own");
  // A pipeline that names no connection leaves the refusal to the body.
  in.spec = json::object();
  EXPECT_NE(errorOf(updateInputFrom(in, json::object(), true)).find("no connection is named"), std::string::npos);
}

}  // namespace
}  // namespace cc::engine
