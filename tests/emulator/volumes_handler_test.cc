#include <fstream>

#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

const std::string kVolumes = "/api/2.1/unity-catalog/volumes";

using VolumesTest = EmulatorFixture;

nlohmann::json managed(const std::string& schema, const std::string& name) {
  return {{"catalog_name", "main"}, {"schema_name", schema}, {"name", name}, {"volume_type", "MANAGED"}};
}

TEST_F(VolumesTest, MissingThenCreatedAsTheOriginalToolEnsuresIt) {
  TestResponse missing = client_->get(kVolumes + "/main.default.community_connector");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json["error_code"], "RESOURCE_DOES_NOT_EXIST");
  EXPECT_EQ(missing.json["message"], "Volume 'main.default.community_connector' does not exist.");

  nlohmann::json body = managed("default", "community_connector");
  body["comment"] = "wheels";
  TestResponse created = client_->post(kVolumes, body);
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json["full_name"], "main.default.community_connector");
  EXPECT_EQ(created.json["volume_type"], "MANAGED");
  EXPECT_EQ(created.json["owner"], "alice@example.com");
  EXPECT_EQ(created.json["created_by"], "alice@example.com");
  EXPECT_EQ(created.json["comment"], "wheels");
  EXPECT_EQ(created.json["volume_id"].get<std::string>().size(), 36u);
  EXPECT_TRUE(created.json["created_at"].is_number_integer());
  EXPECT_NE(created.json["storage_location"].get<std::string>().find(created.json["volume_id"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(client_->get(kVolumes + "/main.default.community_connector").json, created.json);
  // UC folds identifiers to lower case: another spelling names the same volume.
  EXPECT_EQ(client_->get(kVolumes + "/MAIN.Default.Community_Connector").status, 200);

  TestResponse again = client_->post(kVolumes, managed("DEFAULT", "community_connector"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json["error_code"], "RESOURCE_ALREADY_EXISTS");
  EXPECT_EQ(again.json["message"], "Volume 'main.default.community_connector' already exists");
}

TEST_F(VolumesTest, CreateValidation) {
  nlohmann::json noType = managed("default", "v");
  noType.erase("volume_type");
  TestResponse missingType = client_->post(kVolumes, noType);
  EXPECT_EQ(missingType.status, 400);
  EXPECT_EQ(missingType.json["message"], "CreateVolume Missing required field: volume_type");
  nlohmann::json located = managed("default", "v");
  located["storage_location"] = "s3://bucket/v";
  EXPECT_EQ(client_->post(kVolumes, located).json["message"], "CreateVolume storage_location can not be provided.");
  nlohmann::json external = managed("default", "v");
  external["volume_type"] = "EXTERNAL";
  EXPECT_EQ(client_->post(kVolumes, external).json["error_code"], "INVALID_PARAMETER_VALUE");
  external["storage_location"] = "s3://bucket/v/";
  TestResponse created = client_->post(kVolumes, external);
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json["storage_location"], "s3://bucket/v");
  EXPECT_EQ(client_->post(kVolumes, managed("a.b", "v")).status, 400);
  EXPECT_EQ(client_->post(kVolumes, managed("default", "bad name")).status, 400);
  EXPECT_EQ(client_->send("POST", kVolumes, "{not json").json["error_code"], "MALFORMED_REQUEST");
}

TEST_F(VolumesTest, ListPerSchemaPagesAndDelete) {
  for (const char* name : {"a", "b", "c"}) ASSERT_EQ(client_->post(kVolumes, managed("default", name)).status, 200);
  ASSERT_EQ(client_->post(kVolumes, managed("other", "d")).status, 200);
  TestResponse all = client_->get(kVolumes + "?catalog_name=main&schema_name=default");
  ASSERT_EQ(all.json["volumes"].size(), 3u);
  EXPECT_FALSE(all.json.contains("next_page_token"));
  TestResponse first = client_->get(kVolumes + "?catalog_name=main&schema_name=default&max_results=2");
  ASSERT_EQ(first.json["volumes"].size(), 2u);
  TestResponse second = client_->get(kVolumes + "?catalog_name=main&schema_name=default&max_results=2&page_token=" +
                                     first.json["next_page_token"].get<std::string>());
  ASSERT_EQ(second.json["volumes"].size(), 1u);
  EXPECT_EQ(second.json["volumes"][0]["name"], "c");
  EXPECT_EQ(client_->get(kVolumes + "?catalog_name=main").status, 400);
  EXPECT_EQ(client_->get(kVolumes + "?catalog_name=main&schema_name=none").json, nlohmann::json::object());

  EXPECT_EQ(client_->del(kVolumes + "/main.default.b").json, nlohmann::json::object());
  EXPECT_EQ(client_->get(kVolumes + "/main.default.b").status, 404);
  EXPECT_EQ(client_->del(kVolumes + "/main.default.b").status, 404);
  EXPECT_EQ(client_->get(kVolumes + "?catalog_name=main&schema_name=default").json["volumes"].size(), 2u);
}

TEST(VolumesPersistence, VolumesSurviveKillAndRestart) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  nlohmann::json created;
  {
    TestClient client(emulator);
    created = client.post(kVolumes, managed("default", "kept")).json;
  }
  emulator.kill();
  ASSERT_TRUE(emulator.restart());
  TestClient client(emulator);
  EXPECT_EQ(client.get(kVolumes + "/main.default.kept").json, created);
  EXPECT_EQ(client.post(kVolumes, managed("default", "kept")).status, 409);
}

// A state file written before volumes existed has neither key; it must still load.
TEST(VolumesPersistence, StateFileWithoutVolumesStillLoads) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  {
    TestClient client(emulator);
    ASSERT_EQ(client.post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/old"}}).status, 200);
  }
  emulator.stop();
  nlohmann::json document;
  {
    std::ifstream in(emulator.statePath());
    document = nlohmann::json::parse(in);
  }
  ASSERT_TRUE(document["data"].contains("volumes"));
  document["data"].erase("volumes");
  document["data"].erase("volume_files");
  std::ofstream(emulator.statePath()) << document.dump();
  ASSERT_TRUE(emulator.restart()) << emulator.error();
  TestClient client(emulator);
  EXPECT_EQ(client.get("/api/2.0/workspace/get-status?path=/Shared/old").json["object_type"], "DIRECTORY");
  EXPECT_EQ(client.post(kVolumes, managed("default", "fresh")).status, 200);
}

}  // namespace
}  // namespace cc::emulator::test
