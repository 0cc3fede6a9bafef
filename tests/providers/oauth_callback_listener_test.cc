#include "providers/oauth_callback_listener.h"

#include <gtest/gtest.h>

#include "loopback_browser.h"

namespace cc::providers {
namespace {

using testing::browse;

std::unique_ptr<OAuthCallbackListener> startListener(const std::string& state) {
  auto listener = OAuthCallbackListener::start(0, state);
  EXPECT_TRUE(listener.ok());
  return listener.ok() ? std::move(listener).value() : nullptr;
}

TEST(OAuthCallbackListener, ServesOnAFreeLoopbackPortAtOnce) {
  auto listener = startListener("s");
  ASSERT_TRUE(listener);
  EXPECT_NE(listener->port(), 0);
  EXPECT_EQ(listener->redirectUri(), "http://127.0.0.1:" + std::to_string(listener->port()) + "/callback");
  EXPECT_EQ(browse(listener->port(), "/callback").status, 400);  // bound and answering already
}

TEST(OAuthCallbackListener, OnlyAGetOfTheCallbackPathCounts) {
  auto listener = startListener("s");
  ASSERT_TRUE(listener);
  EXPECT_EQ(browse(listener->port(), "/", {{"code", "x"}, {"state", "s"}}).status, 404);
  EXPECT_EQ(browse(listener->port(), "/callback/more", {{"code", "x"}, {"state", "s"}}).status, 404);
  EXPECT_EQ(browse(listener->port(), "/callback", {{"unrelated", "1"}}).status, 400);
  const auto nothing = listener->waitForCode(std::chrono::milliseconds(1));
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.diagnostics().items().front().summary, "no authorization arrived within 1 ms");
}

// Both callbacks arrive before anyone waits: the verdict is kept, and the first one decides.
TEST(OAuthCallbackListener, TheFirstDecisiveCallbackWinsEvenBeforeTheWait) {
  auto listener = startListener("s");
  ASSERT_TRUE(listener);
  EXPECT_EQ(browse(listener->port(), "/callback", {{"state", "s"}, {"code", "first"}}).status, 200);
  EXPECT_EQ(browse(listener->port(), "/callback", {{"state", "bad"}, {"code", "second"}}).status, 200);
  const auto code = listener->waitForCode(std::chrono::seconds(10));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->revealForRequest(), "first");
}

TEST(OAuthCallbackListener, ThePageReflectsNothingFromTheRequest) {
  auto listener = startListener("s");
  ASSERT_TRUE(listener);
  const HttpResponse page = browse(listener->port(), "/callback", {{"state", "<script>"}, {"code", "secret-code"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_EQ(page.body.find("secret-code"), std::string::npos);
  EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos);
}

TEST(OAuthCallbackListener, ABusyPortIsRefusedWithItsNumber) {
  auto first = startListener("s");
  ASSERT_TRUE(first);
  auto second = OAuthCallbackListener::start(first->port(), "s");
  ASSERT_FALSE(second.ok());
  const auto& error = second.diagnostics().items().front();
  EXPECT_EQ(error.summary.rfind("cannot listen on 127.0.0.1:" + std::to_string(first->port()) + " for the OAuth redirect", 0),
            0u)
      << error.summary;
}

}  // namespace
}  // namespace cc::providers
