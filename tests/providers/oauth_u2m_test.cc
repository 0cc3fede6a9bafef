#include "providers/oauth_u2m.h"

#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "loopback_browser.h"
#include "providers/oauth_callback_listener.h"
#include "providers/pkce.h"

namespace cc::providers {
namespace {

using testing::browse;
using testing::parseUrl;
using testing::ParsedUrl;
using testing::portOf;

U2mSettings sampleSettings() {
  U2mSettings s;
  s.authorizationEndpoint = "https://idp.example.com/oauth/authorize";
  s.clientId = "client 1";
  s.scope = "repo read:user";
  s.extraAuthParams = {{"prompt", "consent"}, {"state", "forged"}, {"client_id", "other"}, {"access_type", "offline"}};
  return s;
}

// One run of the flow. The presenter is where a user would open the URL: `browser` gets the
// URL on its own thread at once (the listener is already bound), as a browser would.
struct FlowRun {
  engine::Result<U2mGrant> result;
  ParsedUrl url;
  int presented = 0;
};

FlowRun runFlow(const U2mSettings& settings, const std::function<void(const ParsedUrl&)>& browser) {
  ParsedUrl url;
  int presented = 0;
  std::thread thread;
  auto result = runU2mAuthorization(settings, [&](const std::string& text) {
    ++presented;
    url = parseUrl(text);
    if (browser) thread = std::thread(browser, url);
  });
  if (thread.joinable()) thread.join();
  return {std::move(result), std::move(url), presented};
}

// The IdP redirects back with `extra` (code or error) after a stray favicon request and a
// bare callback, both of which the flow must ignore.
std::function<void(const ParsedUrl&)> redirectWith(QueryParams extra, bool sendState = true) {
  return [extra = std::move(extra), sendState](const ParsedUrl& url) {
    const std::uint16_t port = portOf(url.get("redirect_uri"));
    EXPECT_EQ(browse(port, "/favicon.ico").status, 404);
    EXPECT_EQ(browse(port, "/callback").status, 400);
    QueryParams query = extra;
    if (sendState) query.emplace_back("state", url.get("state"));
    const HttpResponse page = browse(port, "/callback", query);
    EXPECT_EQ(page.status, 200) << page.reason;
    EXPECT_NE(page.body.find("close this tab"), std::string::npos) << page.body;
  };
}

std::string summaryOf(const engine::Result<U2mGrant>& r) {
  return r.ok() || r.diagnostics().items().empty() ? "" : r.diagnostics().items().front().summary;
}

TEST(U2mFlow, TheBrowserComesBackWithTheCode) {
  const FlowRun run = runFlow(sampleSettings(), redirectWith({{"code", "abc"}}));
  ASSERT_TRUE(run.result.ok()) << summaryOf(run.result);
  const U2mGrant& grant = run.result.value();
  EXPECT_EQ(run.presented, 1);
  EXPECT_EQ(grant.authorizationCode.revealForRequest(), "abc");
  const std::uint16_t port = portOf(grant.redirectUri);
  EXPECT_NE(port, 0);
  EXPECT_EQ(grant.redirectUri, "http://127.0.0.1:" + std::to_string(port) + "/callback");
  EXPECT_EQ(run.url.endpoint, "https://idp.example.com/oauth/authorize");
  EXPECT_EQ(run.url.get("response_type"), "code");
  EXPECT_EQ(run.url.get("client_id"), "client 1");
  EXPECT_EQ(run.url.get("redirect_uri"), grant.redirectUri);
  EXPECT_EQ(run.url.get("scope"), "repo read:user");
  ASSERT_TRUE(grant.pkceVerifier.has_value());
  EXPECT_TRUE(isValidPkceVerifier(grant.pkceVerifier->revealForRequest()));
  EXPECT_EQ(run.url.get("code_challenge"), pkceChallengeS256(grant.pkceVerifier->revealForRequest()));
  EXPECT_EQ(run.url.get("code_challenge_method"), "S256");
}

TEST(U2mFlow, ExtraParamsArriveButCannotOverrideCoreOnes) {
  const FlowRun run = runFlow(sampleSettings(), redirectWith({{"code", "abc"}}));
  ASSERT_TRUE(run.result.ok()) << summaryOf(run.result);
  EXPECT_EQ(run.url.get("prompt"), "consent");
  EXPECT_EQ(run.url.get("access_type"), "offline");
  EXPECT_EQ(run.url.count("state"), 1u);
  EXPECT_NE(run.url.get("state"), "forged");
  EXPECT_EQ(run.url.count("client_id"), 1u);
  EXPECT_EQ(run.url.get("client_id"), "client 1");
  const auto& warnings = run.result->warnings;
  ASSERT_EQ(warnings.warningCount(), 2u);
  EXPECT_NE(warnings.items()[0].summary.find("'state'"), std::string::npos);
  EXPECT_NE(warnings.items()[1].summary.find("'client_id'"), std::string::npos);
}

TEST(U2mFlow, StateAndVerifierAreFreshOnEveryRun) {
  const FlowRun first = runFlow(sampleSettings(), redirectWith({{"code", "abc"}}));
  const FlowRun second = runFlow(sampleSettings(), redirectWith({{"code", "abc"}}));
  ASSERT_TRUE(first.result.ok() && second.result.ok());
  EXPECT_GE(first.url.get("state").size(), 43u);
  EXPECT_NE(first.url.get("state"), second.url.get("state"));
  EXPECT_FALSE(first.result->pkceVerifier->sameValueAs(*second.result->pkceVerifier));
}

TEST(U2mFlow, AStateMismatchFailsAndNeverShowsTheCode) {
  const FlowRun run = runFlow(sampleSettings(), [](const ParsedUrl& url) {
    EXPECT_EQ(browse(portOf(url.get("redirect_uri")), "/callback", {{"code", "abc"}, {"state", "wrong"}}).status, 200);
  });
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(summaryOf(run.result), "state mismatch: possible CSRF");
  for (const auto& d : run.result.diagnostics().items()) {
    EXPECT_EQ((d.summary + d.detail).find("abc"), std::string::npos);
  }
}

TEST(U2mFlow, ACodeWithoutStateIsAMismatch) {
  const FlowRun run = runFlow(sampleSettings(), redirectWith({{"code", "abc"}}, /*sendState=*/false));
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(summaryOf(run.result), "state mismatch: possible CSRF");
}

TEST(U2mFlow, TheIdpsErrorIsReported) {
  const FlowRun run =
      runFlow(sampleSettings(), redirectWith({{"error", "access_denied"}, {"error_description", "The user\x1b[2J said no"}}));
  ASSERT_FALSE(run.result.ok());
  const auto& error = run.result.diagnostics().items().front();
  EXPECT_NE(error.summary.find("access_denied"), std::string::npos) << error.summary;
  EXPECT_EQ(error.detail, "The user [2J said no");  // no escape sequence reaches the terminal
}

TEST(U2mFlow, FailuresStillCarryTheWarnings) {
  const FlowRun run = runFlow(sampleSettings(), redirectWith({{"error", "access_denied"}}));
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(run.result.diagnostics().errorCount(), 1u);
  EXPECT_EQ(run.result.diagnostics().warningCount(), 2u);
}

TEST(U2mFlow, NobodyCallingBackTimesOut) {
  U2mSettings s = sampleSettings();
  s.timeout = std::chrono::milliseconds(200);
  const FlowRun run = runFlow(s, nullptr);
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(run.presented, 1);
  EXPECT_EQ(summaryOf(run.result), "no authorization arrived within 200 ms");
}

TEST(U2mFlow, TheDefaultDeadlineIsFiveMinutes) {
  EXPECT_EQ(U2mSettings{}.timeout, std::chrono::seconds(300));
  EXPECT_TRUE(U2mSettings{}.pkce);
  EXPECT_EQ(U2mSettings{}.redirectPort, 0);
}

TEST(U2mFlow, WithoutPkceThereIsNoChallengeAndNoVerifier) {
  U2mSettings s = sampleSettings();
  s.pkce = false;
  const FlowRun run = runFlow(s, redirectWith({{"code", "abc"}}));
  ASSERT_TRUE(run.result.ok()) << summaryOf(run.result);
  EXPECT_EQ(run.url.count("code_challenge"), 0u);
  EXPECT_EQ(run.url.count("code_challenge_method"), 0u);
  EXPECT_FALSE(run.result->pkceVerifier.has_value());
  EXPECT_EQ(run.result->authorizationCode.revealForRequest(), "abc");
}

TEST(U2mFlow, APortInUseIsNamed) {
  auto holder = OAuthCallbackListener::start(0, "other run");
  ASSERT_TRUE(holder.ok());
  U2mSettings s = sampleSettings();
  s.redirectPort = (*holder)->port();
  const FlowRun run = runFlow(s, nullptr);
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(run.presented, 0);
  EXPECT_NE(summaryOf(run.result).find("127.0.0.1:" + std::to_string(s.redirectPort)), std::string::npos)
      << summaryOf(run.result);
}

TEST(U2mFlow, TheRequestedPortIsUsed) {
  auto probe = OAuthCallbackListener::start(0, "probe");
  ASSERT_TRUE(probe.ok());
  U2mSettings s = sampleSettings();
  s.redirectPort = (*probe)->port();
  probe = engine::Result<std::unique_ptr<OAuthCallbackListener>>::failure("released");  // frees the port
  const FlowRun run = runFlow(s, redirectWith({{"code", "abc"}}));
  ASSERT_TRUE(run.result.ok()) << summaryOf(run.result);
  EXPECT_EQ(portOf(run.result->redirectUri), s.redirectPort);
}

TEST(U2mFlow, AnEndpointMustBeHttpsAndAClientIdGiven) {
  U2mSettings s = sampleSettings();
  s.authorizationEndpoint = "http://idp.example.com/authorize";
  s.clientId.clear();
  const FlowRun run = runFlow(s, nullptr);
  ASSERT_FALSE(run.result.ok());
  EXPECT_EQ(run.presented, 0);
  EXPECT_EQ(run.result.diagnostics().errorCount(), 2u);
  s.authorizationEndpoint = "not a url";
  EXPECT_FALSE(runFlow(s, nullptr).result.ok());
}

}  // namespace
}  // namespace cc::providers
