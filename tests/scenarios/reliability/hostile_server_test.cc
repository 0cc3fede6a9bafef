// The client against a malicious server (workspace-emulator --hostile MODE): a 1 GiB body, JSON
// that does not parse, HTML instead of JSON, a body dripped forever, redirects to another host.
// Each ends in a clear error with bounded memory and time; a redirect is never followed, so the
// credentials never reach the other host.

#include <gtest/gtest.h>

#include <string>

#include "providers/http_client.h"
#include "cli_process.h"

namespace cc::reliability {
namespace {

const char* kManifest = R"(version: 1
connections:
  gh:
    source: github
    options: { token: "${env.GITHUB_TOKEN}" }
)";

providers::HttpRequest meRequest() {
  providers::HttpRequest req;
  req.path = "/api/2.0/preview/scim/v2/Me";
  req.headers = {{"Authorization", "Bearer dapi-emulator-token"}};
  return req;
}

std::shared_ptr<providers::HttpClient> client(const test_support::EmulatorProcess& emulator,
                                              providers::Millis deadline = providers::Millis{120000}) {
  providers::HttpClientConfig config;
  config.baseUrl = emulator.url();
  config.caFile = emulator.caFile();
  config.readTimeout = providers::Millis{5000};
  config.responseDeadline = deadline;
  auto made = providers::HttpClient::create(config);
  return made ? *made : nullptr;
}

class HostileServerTest : public ::testing::Test {
 protected:
  RunResult plan(const test_support::EmulatorProcess& emulator) {
    writeText(work_.path() / "connectors.yaml", kManifest);
    Environment env = emulatorEnvironment(emulator);
    env["HOME"] = work_.path().string();
    RunResult r = runCli({"plan"}, work_.path(), env);
    EXPECT_EQ(crashSign(r), std::nullopt) << r.all();
    EXPECT_EQ(r.exit, 1) << r.all();
    EXPECT_NE(r.err.find("error"), std::string::npos) << r.all();
    EXPECT_GT(requestCount(emulator.requestLogPath()), 0u);
    return r;
  }
  TempDir work_;
};

TEST_F(HostileServerTest, HugeBodyIsAbandonedAtTheCap) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hostile", "huge-body"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  auto http = client(emulator);
  ASSERT_NE(http, nullptr);
  providers::HttpOutcome outcome = http->send(meRequest());
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.failure.message.find("exceeds 64 MiB"), std::string::npos) << outcome.failure.message;
  // Through the CLI: an error, and far less memory than the 1 GiB offered.
  RunResult r = plan(emulator);
  EXPECT_NE(r.all().find("64 MiB"), std::string::npos) << r.all();
  EXPECT_LT(r.maxRssKb, 400L * 1024) << "peak RSS " << r.maxRssKb << " KiB";
}

TEST_F(HostileServerTest, InvalidJsonIsAClearError) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hostile", "invalid-json"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  plan(emulator);
}

TEST_F(HostileServerTest, WrongContentTypeIsAClearError) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hostile", "wrong-content-type"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  RunResult r = plan(emulator);
  EXPECT_EQ(r.all().find("<form>"), std::string::npos) << "raw HTML dumped:\n" << r.all();
}

TEST_F(HostileServerTest, SlowDripHitsTheResponseDeadline) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hostile", "slow-drip"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  auto http = client(emulator, providers::Millis{1500});
  ASSERT_NE(http, nullptr);
  providers::HttpOutcome outcome = http->send(meRequest());
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.failure.message.find("still incomplete"), std::string::npos) << outcome.failure.message;
}

TEST_F(HostileServerTest, RedirectToAnotherHostIsNeverFollowed) {
  test_support::EmulatorProcess other(CC_EMULATOR_BINARY);  // the "other host": must see nothing
  ASSERT_TRUE(other.ok()) << other.error();
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY,
                                         {"--hostile", "redirect=" + other.url() + "/api/2.0/preview/scim/v2/Me"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  auto http = client(emulator);
  ASSERT_NE(http, nullptr);
  providers::HttpOutcome outcome = http->send(meRequest());
  ASSERT_TRUE(outcome.ok()) << outcome.failure.message;
  EXPECT_EQ(outcome.response->status, 307);
  plan(emulator);
  EXPECT_EQ(requestCount(other.requestLogPath()), 0u) << readText(other.requestLogPath());
}

}  // namespace
}  // namespace cc::reliability
