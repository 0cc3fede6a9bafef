#include "providers/authorization_url.h"

#include <gtest/gtest.h>

namespace cc::providers {
namespace {

AuthorizationRequest sampleRequest() {
  AuthorizationRequest r;
  r.endpoint = "https://idp.example.com/authorize";
  r.clientId = "a b&c";
  r.redirectUri = "http://127.0.0.1:8080/callback";
  r.state = "s1";
  r.scope = "openid email";
  r.codeChallenge = "ch";
  return r;
}

TEST(AuthorizationUrl, CoreParamsInOrderAndPercentEncoded) {
  EXPECT_EQ(buildAuthorizationUrl(sampleRequest()).url,
            "https://idp.example.com/authorize?response_type=code&client_id=a%20b%26c"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&state=s1&scope=openid%20email"
            "&code_challenge=ch&code_challenge_method=S256");
}

TEST(AuthorizationUrl, NoScopeAndNoPkceLeaveTheirParamsOut) {
  AuthorizationRequest r = sampleRequest();
  r.scope.clear();
  r.codeChallenge.reset();
  const std::string url = buildAuthorizationUrl(r).url;
  EXPECT_EQ(url.find("scope="), std::string::npos);
  EXPECT_EQ(url.find("code_challenge"), std::string::npos);
  EXPECT_NE(url.find("&state=s1"), std::string::npos);
}

TEST(AuthorizationUrl, AnEndpointWithAQueryIsExtendedWithAnAmpersand) {
  AuthorizationRequest r = sampleRequest();
  r.endpoint = "https://idp.example.com/authorize?tenant=x";
  EXPECT_EQ(buildAuthorizationUrl(r).url.rfind("https://idp.example.com/authorize?tenant=x&response_type=code&", 0), 0u);
  r.endpoint = "https://idp.example.com/authorize?";
  EXPECT_EQ(buildAuthorizationUrl(r).url.rfind("https://idp.example.com/authorize?response_type=code&", 0), 0u);
  r.endpoint = "https://idp.example.com/authorize?tenant=x&";
  EXPECT_EQ(buildAuthorizationUrl(r).url.rfind("https://idp.example.com/authorize?tenant=x&response_type=code&", 0), 0u);
}

TEST(AuthorizationUrl, AFragmentOfTheEndpointIsDropped) {
  AuthorizationRequest r = sampleRequest();
  r.endpoint = "https://idp.example.com/authorize#top";
  EXPECT_EQ(buildAuthorizationUrl(r).url.rfind("https://idp.example.com/authorize?response_type=code&", 0), 0u);
}

TEST(AuthorizationUrl, ExtraParamsFollowButNeverOverrideCoreOnes) {
  AuthorizationRequest r = sampleRequest();
  r.extraParams = {{"access_type", "offline"}, {"state", "evil"},         {"prompt", "consent select_account"},
                   {"client_id", "other"},    {"response_type", "token"}, {"code_challenge_method", "plain"},
                   {"redirect_uri", "https://evil.example"}, {"scope", "all"}, {"code_challenge", "x"}};
  const AuthorizationUrl built = buildAuthorizationUrl(r);
  const std::string core = buildAuthorizationUrl(sampleRequest()).url;
  EXPECT_EQ(built.url, core + "&access_type=offline&prompt=consent%20select_account");
  EXPECT_EQ(built.ignoredExtraParams,
            (std::vector<std::string>{"state", "client_id", "response_type", "code_challenge_method", "redirect_uri",
                                      "scope", "code_challenge"}));
}

TEST(AuthorizationUrl, CoreParamNamesAreExact) {
  EXPECT_TRUE(isCoreAuthorizationParam("state"));
  EXPECT_FALSE(isCoreAuthorizationParam("State"));  // a different parameter to the IdP
  EXPECT_FALSE(isCoreAuthorizationParam("nonce"));
}

TEST(AuthorizationUrl, PercentEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(percentEncodeComponent("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percentEncodeComponent("a/b?c=d&e+f g#%"), "a%2Fb%3Fc%3Dd%26e%2Bf%20g%23%25");
  EXPECT_EQ(percentEncodeComponent("\xc3\xa9"), "%C3%A9");
}

}  // namespace
}  // namespace cc::providers
