// OAuth options of COMMUNITY connections: modes, spec defaults, {param} placeholders, what each
// mode requires, and the spec's oauth block as the parser reads it.
#include "engine/oauth_connection.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cc::engine {
namespace {

std::string errorsOf(const Result<OAuthConnectionOptions>& r) {
  std::string s;
  if (!r.ok())
    for (const auto& d : r.diagnostics().items()) s += d.summary + "\n";
  return s;
}

OAuthSettings azureDevOpsLike() {
  OAuthSettings o;
  o.flow = "m2m";
  o.values = {{"token_endpoint", "https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token"},
              {"oauth_scope", "499b84ac-1321-427f-aa17-267ca6975798/.default"}};
  return o;
}

TEST(OAuthConnection, AuthModesAreCaseInsensitiveAndUnknownOnesListed) {
  EXPECT_EQ(*parseAuthMode("M2M"), ConnectionAuthMode::M2M);
  EXPECT_EQ(*parseAuthMode("u2m_per_user"), ConnectionAuthMode::U2MPerUser);
  EXPECT_EQ(*parseAuthMode("Static"), ConnectionAuthMode::Static);
  auto bad = parseAuthMode("oauth");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics().items()[0].summary.find("static, m2m, u2m, u2m_per_user"), std::string::npos);
}

TEST(OAuthConnection, M2MFillsSpecDefaultsAndPlaceholdersFromTheUsersOptions) {
  auto r = prepareOAuthConnectionOptions(ConnectionAuthMode::M2M, azureDevOpsLike(),
                                         {{"tenant_id", "t-42"}, {"client_id", "app"}, {"client_secret", "s3cret"}});
  ASSERT_TRUE(r.ok()) << errorsOf(r);
  EXPECT_EQ(r->added.at("token_endpoint"), "https://login.microsoftonline.com/t-42/oauth2/v2.0/token");
  EXPECT_EQ(r->added.at("oauth_scope"), "499b84ac-1321-427f-aa17-267ca6975798/.default");
  EXPECT_EQ(r->added.at("community_oauth_flow"), "m2m");
  EXPECT_EQ(r->defaultsAdded, (std::vector<std::string>{"oauth_scope", "token_endpoint"}));
  EXPECT_EQ(r->added.count("client_secret"), 0u);  // the user's options are not repeated
}

TEST(OAuthConnection, TheUsersValueWinsOverTheSpecDefault) {
  auto r = prepareOAuthConnectionOptions(
      ConnectionAuthMode::M2M, azureDevOpsLike(),
      {{"client_id", "app"}, {"client_secret", "s"}, {"token_endpoint", "https://idp.example/token"}});
  ASSERT_TRUE(r.ok()) << errorsOf(r);  // no {tenant_id} needed: the default is not used
  EXPECT_EQ(r->added.count("token_endpoint"), 0u);
  EXPECT_EQ(r->defaultsAdded, std::vector<std::string>{"oauth_scope"});
}

TEST(OAuthConnection, MissingOrEmptyPlaceholdersAndRequiredOptionsAreAllReported) {
  auto r = prepareOAuthConnectionOptions(ConnectionAuthMode::M2M, azureDevOpsLike(), {{"tenant_id", ""}});
  const std::string e = errorsOf(r);
  EXPECT_NE(e.find("use {tenant_id}, but the option tenant_id is not given"), std::string::npos) << e;
  EXPECT_NE(e.find("auth type m2m needs the option client_id"), std::string::npos) << e;
  EXPECT_NE(e.find("auth type m2m needs the option client_secret"), std::string::npos) << e;
  EXPECT_EQ(e.find("needs the option token_endpoint"), std::string::npos) << e;  // the spec gives it
}

TEST(OAuthConnection, U2MAlsoNeedsAnAuthorizationEndpointAndCarriesPkceAndExtraParams) {
  OAuthSettings spec;
  spec.values = {{"token_endpoint", "https://accounts.example/{region}/token"}};
  spec.pkce = false;
  spec.extraAuthParams = {{"access_type", "offline"}, {"tenant", "{region}"}};
  auto missing = prepareOAuthConnectionOptions(ConnectionAuthMode::U2M, spec,
                                               {{"client_id", "a"}, {"client_secret", "b"}, {"region", "eu"}});
  EXPECT_NE(errorsOf(missing).find("auth type u2m needs the option authorization_endpoint"), std::string::npos);
  spec.values["authorization_endpoint"] = "https://accounts.example/{region}/auth";
  auto r = prepareOAuthConnectionOptions(ConnectionAuthMode::U2MPerUser, spec,
                                         {{"client_id", "a"}, {"client_secret", "b"}, {"region", "eu"}});
  ASSERT_TRUE(r.ok()) << errorsOf(r);
  EXPECT_FALSE(r->pkce);
  EXPECT_EQ(r->extraAuthParams.at("tenant"), "eu");
  EXPECT_EQ(r->added.at("authorization_endpoint"), "https://accounts.example/eu/auth");
  EXPECT_EQ(r->added.at("community_oauth_flow"), "u2m_per_user");
}

TEST(OAuthConnection, StaticAddsNothingAndRefusesAFlowOption) {
  auto r = prepareOAuthConnectionOptions(ConnectionAuthMode::Static, azureDevOpsLike(), {{"pat", "x"}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->added.empty());
  auto bad = prepareOAuthConnectionOptions(ConnectionAuthMode::Static, {}, {{"community_oauth_flow", "m2m"}});
  EXPECT_NE(errorsOf(bad).find("community_oauth_flow cannot be given with auth type static"), std::string::npos);
}

TEST(OAuthConnection, TheSpecsOauthBlockIsReadWithTheOptionNames) {
  auto spec = parseConnectorSpec(nlohmann::json::parse(R"({"connection": {"parameters": [], "oauth": {
      "flow": "u2m", "pkce": false, "authorization_url": "https://a/auth", "token_url": "https://a/token",
      "scopes": "read write", "oauth_provider": "zoho", "expires_in_secs": 3600,
      "extra_auth_params": {"access_type": "offline", "prompt": "consent"}}}})"));
  ASSERT_TRUE(spec.ok());
  ASSERT_TRUE(spec->hasOAuth);
  const OAuthSettings& o = spec->oauth;
  EXPECT_EQ(o.flow, "u2m");
  EXPECT_EQ(o.pkce, false);
  EXPECT_EQ(o.values, (std::map<std::string, std::string>{{"authorization_endpoint", "https://a/auth"},
                                                          {"expires_in_secs", "3600"},
                                                          {"oauth_provider", "zoho"},
                                                          {"oauth_scope", "read write"},
                                                          {"token_endpoint", "https://a/token"}}));
  EXPECT_EQ(o.extraAuthParams.at("prompt"), "consent");
}

}  // namespace
}  // namespace cc::engine
