// Personal access tokens (emulator/auth.cc): missing, wrong, default and custom tokens and users.
#include <gtest/gtest.h>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

TEST(Auth, MissingCredentialIs401WithNumericCode) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator.port(), emulator.caFile(), "");
  TestResponse response = client.get("/api/2.0/preview/scim/v2/Me");
  EXPECT_EQ(response.status, 401);
  EXPECT_TRUE(response.json["error_code"].is_number());
  EXPECT_EQ(response.json["error_code"], 401);
  EXPECT_NE(response.json["message"].get<std::string>().find("Credential was not sent"), std::string::npos);
}

TEST(Auth, WrongTokenIs403InvalidAccessToken) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator.port(), emulator.caFile(), "dapi-wrong");
  TestResponse response = client.get("/api/2.0/pipelines?filter=name+LIKE+%27x%27");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.json, (nlohmann::json{{"error_code", 403}, {"message", "Invalid access token."}}));
}

TEST(Auth, DefaultTokenActsAsDefaultUserAndMeHasOrgHeader) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  EXPECT_EQ(emulator.token(), "dapi-emulator-token");
  TestClient client(emulator);
  TestResponse me = client.get("/api/2.0/preview/scim/v2/Me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json["userName"], "alice@example.com");
  EXPECT_TRUE(me.json["id"].is_string());
  EXPECT_EQ(me.json["active"], true);
  EXPECT_EQ(me.json["emails"][0]["value"], "alice@example.com");
  EXPECT_FALSE(me.header("X-Databricks-Org-Id").empty());
  EXPECT_FALSE(me.header("X-Request-Id").empty());
  EXPECT_EQ(me.header("Content-Type"), "application/json; charset=utf-8");
  TestResponse narrowed = client.get("/api/2.0/preview/scim/v2/Me?attributes=userName");
  EXPECT_EQ(narrowed.json["userName"], "alice@example.com");
  EXPECT_FALSE(narrowed.json.contains("emails"));
}

TEST(Auth, CustomTokenAndUser) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--token", "t1", "--token", "t2", "--user", "bob@example.com"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  EXPECT_EQ(emulator.token(), "");  // a user-given token is not echoed
  TestClient client(emulator.port(), emulator.caFile(), "t2");
  EXPECT_EQ(client.get("/api/2.0/preview/scim/v2/Me").json["userName"], "bob@example.com");
  client.setToken("dapi-emulator-token");
  EXPECT_EQ(client.get("/api/2.0/preview/scim/v2/Me").status, 403);
}

}  // namespace
}  // namespace cc::emulator::test
