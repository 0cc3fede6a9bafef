// OAuth M2M (emulator/oauth_handler.cc): discovery, client credentials, expiry on the emulated clock.
#include <gtest/gtest.h>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

std::string basic(const std::string& user, const std::string& secret) { return "Basic " + base64(user + ":" + secret); }

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

}  // namespace
}  // namespace cc::emulator::test
