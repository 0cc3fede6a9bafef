#pragma once
// The test as the user's browser for `apply --authorize NAME` (u2m OAuth): it reads the
// authorization URL the CLI prints on stderr once its loopback listener is bound, and answers
// the redirect with a code and the URL's state, as an identity provider would send the browser.

#include <chrono>
#include <string>
#include <thread>

#include "declarative_support.h"
#include "providers/loopback_browser.h"  // tests/providers: takes the authorization URL apart

namespace cc::e2e {

/// The authorization URL (of the test IdP, https://idp.example.test) `child` printed, or "" if it
/// ended or printed none within a minute.
inline std::string awaitAuthorizationUrl(const CliProcess& child) {
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       !test_support::childEnded(child) && std::chrono::steady_clock::now() < deadline;) {
    const std::string err = readText(child.errFile);
    const auto at = err.find("\n  https://idp.example.test/authorize");
    if (at != std::string::npos && err.find('\n', at + 1) != std::string::npos)
      return err.substr(at + 3, err.find('\n', at + 1) - at - 3);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the file, not timing
  }
  return {};
}

/// Plays the browser for one authorization: answers the redirect with `code`; `redirect` gets
/// the redirect URI the CLI asked for. Returns the finished run.
inline RunResult authorizeAsBrowser(CliProcess child, const std::string& code, std::string& redirect) {
  const std::string url = awaitAuthorizationUrl(child);
  EXPECT_FALSE(url.empty()) << readText(child.errFile);
  const auto parsed = providers::testing::parseUrl(url);
  redirect = parsed.get("redirect_uri");
  auto answered = providers::testing::browse(providers::testing::portOf(redirect), "/callback",
                                             {{"code", code}, {"state", parsed.get("state")}});
  EXPECT_EQ(answered.status, 200);
  return finishCli(child);
}

}  // namespace cc::e2e
