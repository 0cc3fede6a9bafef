// The server (emulator/server.cc): routes, body limits, state across restarts, the masked request log.
#include <gtest/gtest.h>

#include <fstream>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

TEST(Server, UnknownRouteIsEndpointNotFound) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  TestResponse response = client.get("/api/2.0/nothing/here");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.json["error_code"], "ENDPOINT_NOT_FOUND");
  EXPECT_EQ(response.json["message"], "No API found for 'GET /api/2.0/nothing/here'");
}

TEST(Server, OversizedBodyIsRejected) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--max-body-bytes", "1000"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  nlohmann::json body = {{"name", "x"}, {"connection_type", "HTTP"}, {"options", {{"pad", std::string(2000, 'a')}}}};
  TestResponse response = client.post("/api/2.1/unity-catalog/connections", body);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.json["error_code"], "INVALID_PARAMETER_VALUE");
  EXPECT_EQ(client.get("/api/2.1/unity-catalog/connections/x").status, 404);
}

TEST(Server, StateSurvivesKillAndRestart) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  const int port = emulator.port();
  {
    TestClient client(emulator);
    ASSERT_EQ(client.post("/api/2.1/unity-catalog/connections",
                          {{"name", "kept"}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
                           {"options", {{"sourceName", "github"}, {"token", "s3cret"}}}}).status, 200);
  }
  emulator.kill();
  ASSERT_TRUE(emulator.restart());
  EXPECT_EQ(emulator.port(), port);
  TestClient client(emulator);
  TestResponse kept = client.get("/api/2.1/unity-catalog/connections/kept");
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json["options"]["sourceName"], "github");
}

TEST(Server, RequestLogMasksSecrets) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  ASSERT_EQ(client.post("/api/2.1/unity-catalog/connections",
                        {{"name", "logged"}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
                         {"options", {{"sourceName", "github"}, {"token", "ghp_log_secret"}}}}).status, 200);
  client.send("POST", "/oidc/v1/token", "grant_type=client_credentials&client_id=emulator-client&client_secret=emulator-secret",
              "application/x-www-form-urlencoded");
  std::ifstream in(emulator.requestLogPath());
  std::string line;
  std::vector<nlohmann::json> entries;
  while (std::getline(in, line)) {
    EXPECT_EQ(line.find("ghp_log_secret"), std::string::npos);
    EXPECT_EQ(line.find("dapi-emulator-token"), std::string::npos);
    EXPECT_EQ(line.find("emulator-secret"), std::string::npos);
    EXPECT_EQ(line.find("eyJ"), std::string::npos);  // no access token
    entries.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["method"], "POST");
  EXPECT_EQ(entries[0]["path"], "/api/2.1/unity-catalog/connections");
  EXPECT_EQ(entries[0]["status"], 200);
  EXPECT_EQ(entries[0]["authorization"], "(masked)");
  EXPECT_EQ(entries[0]["body"]["options"]["token"], "(masked)");
  EXPECT_EQ(entries[0]["body"]["options"]["sourceName"], "github");
  EXPECT_TRUE(entries[0]["latency_ms"].is_number());
  EXPECT_EQ(entries[1]["response"]["access_token"], "(masked)");
}

// Raw uploads are logged as size and SHA-256 (the golden request logs compare them), never as bytes.
TEST(Server, RequestLogDigestsRawUploads) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  ASSERT_EQ(client.post("/api/2.1/unity-catalog/volumes",
                        {{"catalog_name", "main"}, {"schema_name", "default"}, {"name", "v"}, {"volume_type", "MANAGED"}})
                .status,
            200);
  ASSERT_EQ(client.send("PUT", "/api/2.0/fs/files/Volumes/main/default/v/a.whl?overwrite=true", "abc",
                        "application/octet-stream").status,
            204);
  std::ifstream in(emulator.requestLogPath());
  std::vector<nlohmann::json> entries;
  for (std::string line; std::getline(in, line);) entries.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1]["body"],
            nlohmann::json({{"size", 3}, {"sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}}));
}

}  // namespace
}  // namespace cc::emulator::test
