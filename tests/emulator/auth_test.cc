#include <gtest/gtest.h>

#include <fstream>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

std::string basic(const std::string& user, const std::string& secret) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string in = user + ":" + secret;
  std::string out;
  int value = 0, bits = -6;
  for (unsigned char c : in) {
    value = (value << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kAlphabet[(value >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kAlphabet[((value << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return "Basic " + out;
}

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

TEST(OAuth, DiscoveryThenClientCredentialsThenExpiry) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--token-ttl", "60"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator.port(), emulator.caFile(), "");
  TestResponse metadata = client.get("/.well-known/databricks-config");
  ASSERT_EQ(metadata.status, 200);
  const std::string oidc = metadata.json["oidc_endpoint"];
  EXPECT_EQ(oidc, "https://127.0.0.1:" + std::to_string(emulator.port()) + "/oidc");
  EXPECT_TRUE(metadata.json["workspace_id"].is_string());
  TestResponse discovery = client.get("/oidc/.well-known/oauth-authorization-server");
  ASSERT_EQ(discovery.status, 200);
  EXPECT_EQ(discovery.json["token_endpoint"], oidc + "/v1/token");

  const std::string form = "application/x-www-form-urlencoded";
  TestResponse bad = client.send("POST", "/oidc/v1/token", "grant_type=client_credentials&scope=all-apis", form,
                                 {{"Authorization", basic("emulator-client", "wrong")}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.json["error"], "invalid_client");
  TestResponse grant = client.send("POST", "/oidc/v1/token", "grant_type=password", form,
                                   {{"Authorization", basic("emulator-client", "emulator-secret")}});
  EXPECT_EQ(grant.status, 400);
  EXPECT_EQ(grant.json["error"], "unsupported_grant_type");

  TestResponse token = client.send("POST", "/oidc/v1/token", "grant_type=client_credentials&scope=all-apis", form,
                                   {{"Authorization", basic("emulator-client", "emulator-secret")}});
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(token.json["token_type"], "Bearer");
  EXPECT_EQ(token.json["expires_in"], 60);
  EXPECT_EQ(token.json["scope"], "all-apis");
  // Client credentials in the form body work too.
  TestResponse formAuth = client.send("POST", "/oidc/v1/token",
                                       "grant_type=client_credentials&client_id=emulator-client&client_secret=emulator-secret",
                                       form);
  EXPECT_EQ(formAuth.status, 200);

  client.setToken(token.json["access_token"]);
  TestResponse me = client.get("/api/2.0/preview/scim/v2/Me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json["userName"], "emulator-client");

  // Issued tokens survive a restart (they live in the state file) ...
  ASSERT_TRUE(emulator.restart());
  TestClient after(emulator.port(), emulator.caFile(), token.json["access_token"]);
  EXPECT_EQ(after.get("/api/2.0/preview/scim/v2/Me").status, 200);
  // ... and expire after expires_in on the emulated clock.
  after.send("POST", "/__emulator/advance-clock", R"({"seconds": 61})");
  TestResponse expired = after.get("/api/2.0/preview/scim/v2/Me");
  EXPECT_EQ(expired.status, 403);
  EXPECT_EQ(expired.json["message"], "Invalid access token.");
}

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

}  // namespace
}  // namespace cc::emulator::test
