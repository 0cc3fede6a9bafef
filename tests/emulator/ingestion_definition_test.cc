#include <functional>

#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

class IngestionDefinitionTest : public EmulatorFixture {
 protected:
  void SetUp() override {
    EmulatorFixture::SetUp();
    ASSERT_EQ(client_->post("/api/2.1/unity-catalog/connections",
                            {{"name", "my_github"}, {"connection_type", "COMMUNITY"},
                             {"options", {{"sourceName", "github"}, {"token", "t"}}}})
                  .status,
              200);
  }
};

// The bare-spec body the original tool's create_pipeline sends (original tool §7.6).
nlohmann::json managedBody(const std::string& name) {
  return {{"name", name},
          {"catalog", "main"},
          {"schema", "default"},
          {"channel", "PREVIEW"},
          {"serverless", true},
          {"ingestion_definition",
           {{"connection_name", "my_github"},
            {"source_type", "COMMUNITY"},
            {"objects",
             {{{"table",
                {{"source_table", "issues"}, {"source_schema", "default"}, {"destination_catalog", "main"},
                 {"destination_schema", "default"}, {"destination_table", "gh_issues"},
                 {"table_configuration", {{"scd_type", "SCD_TYPE_2"}, {"primary_keys", {"id"}}}},
                 {"connector_options", {{"community_connector_options", {{"options", {{"owner", "o"}}}}}}}}}},
              {{"schema",
                {{"source_schema", "default"}, {"destination_catalog", "main"}, {"destination_schema", "raw"}}}}}}}},
          {"configuration", {{"pipelines.managedIngestion.registerPythonDataSource", "true"}}},
          {"environment", {{"dependencies", {"/Volumes/main/default/community_connector/packages/c.whl"}}}}};
}

TEST_F(IngestionDefinitionTest, StoredAndReturnedInSpecLikeOtherFields) {
  const nlohmann::json body = managedBody("managed");
  TestResponse created = client_->post("/api/2.0/pipelines", body);
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id = created.json["pipeline_id"];
  TestResponse got = client_->get("/api/2.0/pipelines/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json["spec"]["ingestion_definition"], body["ingestion_definition"]);
  EXPECT_EQ(got.json["spec"]["configuration"], body["configuration"]);
  EXPECT_EQ(got.json["spec"]["environment"], body["environment"]);
  EXPECT_EQ(got.json["spec"]["catalog"], "main");
  EXPECT_FALSE(got.json["spec"].contains("libraries"));

  // update_pipeline: GET, merge, PUT the whole spec back with id; then dependencies change.
  nlohmann::json edited = got.json["spec"];
  edited["environment"]["dependencies"] = {"/Volumes/main/default/community_connector/packages/d.whl"};
  edited["ingestion_definition"]["objects"].erase(1);
  ASSERT_EQ(client_->put("/api/2.0/pipelines/" + id, edited).status, 200);
  TestResponse after = client_->get("/api/2.0/pipelines/" + id);
  EXPECT_EQ(after.json["spec"]["ingestion_definition"]["objects"].size(), 1u);
  EXPECT_EQ(after.json["spec"]["environment"]["dependencies"][0], "/Volumes/main/default/community_connector/packages/d.whl");
}

TEST_F(IngestionDefinitionTest, SourceTypeIsFilledFromTheConnectionWhenNotSent) {
  nlohmann::json body = {{"name", "empty"}, {"ingestion_definition", {{"connection_name", "MY_GITHUB"}, {"objects", nlohmann::json::array()}}}};
  const std::string id = client_->post("/api/2.0/pipelines", body).json.value("pipeline_id", "");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(client_->get("/api/2.0/pipelines/" + id).json["spec"]["ingestion_definition"]["source_type"], "COMMUNITY");
  body["name"] = "dry";
  body["dry_run"] = true;
  EXPECT_EQ(client_->post("/api/2.0/pipelines", body).json["effective_settings"]["ingestion_definition"]["source_type"],
            "COMMUNITY");
}

TEST_F(IngestionDefinitionTest, UnknownConnectionIsRefusedOnCreateAndEdit) {
  nlohmann::json body = managedBody("p");
  body["ingestion_definition"]["connection_name"] = "nope";
  TestResponse refused = client_->post("/api/2.0/pipelines", body);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json["error_code"], "INVALID_PARAMETER_VALUE");
  EXPECT_EQ(refused.json["message"], "Connection 'nope' does not exist.");
  const std::string id = client_->post("/api/2.0/pipelines", managedBody("p")).json.value("pipeline_id", "");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(client_->put("/api/2.0/pipelines/" + id, body).status, 400);
}

TEST_F(IngestionDefinitionTest, ShapeErrorsAre400WithTheFieldNamed) {
  auto refusal = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json body = managedBody("bad");
    change(body);
    TestResponse response = client_->post("/api/2.0/pipelines", body);
    EXPECT_EQ(response.status, 400) << body.dump();
    EXPECT_EQ(response.json["error_code"], "INVALID_PARAMETER_VALUE");
    return response.json.value("message", "");
  };
  auto table = [](nlohmann::json& body) -> nlohmann::json& { return body["ingestion_definition"]["objects"][0]["table"]; };
  EXPECT_EQ(refusal([&](nlohmann::json& b) { table(b).erase("destination_schema"); }),
            "Missing required field: ingestion_definition.objects[0].table.destination_schema");
  EXPECT_EQ(refusal([&](nlohmann::json& b) { table(b).erase("destination_catalog"); }),
            "Missing required field: ingestion_definition.objects[0].table.destination_catalog");
  EXPECT_EQ(refusal([](nlohmann::json& b) { b["ingestion_definition"]["objects"][1]["schema"].erase("source_schema"); }),
            "Missing required field: ingestion_definition.objects[1].schema.source_schema");
  EXPECT_EQ(refusal([](nlohmann::json& b) { b["ingestion_definition"]["objects"][0]["schema"] = {{"source_schema", "s"}}; }),
            "ingestion_definition.objects[0] must set exactly one of table, schema, report");
  EXPECT_EQ(refusal([](nlohmann::json& b) { b["libraries"] = {{{"glob", {{"include", "/x/src/ingest.py"}}}}}; }),
            "ingestion_definition cannot be used together with libraries");
  EXPECT_EQ(refusal([](nlohmann::json& b) { b["ingestion_definition"].erase("connection_name"); }),
            "ingestion_definition must set exactly one of connection_name and ingestion_gateway_id");
  refusal([&](nlohmann::json& b) { table(b)["table_configuration"]["scd_type"] = "SCD_TYPE_3"; });
  refusal([&](nlohmann::json& b) { table(b)["table_configuration"]["storage_mode"] = "x"; });
  refusal([&](nlohmann::json& b) {
    table(b)["table_configuration"]["include_columns"] = {"a"};
    table(b)["table_configuration"]["exclude_columns"] = {"b"};
  });
  refusal([](nlohmann::json& b) { b["environment"]["dependencies"] = "c.whl"; });
  refusal([](nlohmann::json& b) { b["ingestion_definition"]["objects"] = {{"table", "x"}}; });
  EXPECT_FALSE(client_->get("/api/2.0/pipelines").json.contains("statuses"));  // nothing was created
}

}  // namespace
}  // namespace cc::emulator::test
