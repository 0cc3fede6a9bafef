#include <gtest/gtest.h>

#include <fstream>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

const char kMe[] = "/api/2.0/preview/scim/v2/Me";
const char kConnections[] = "/api/2.1/unity-catalog/connections";

nlohmann::json connection(const std::string& name) {
  return {{"name", name}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"}, {"options", {{"sourceName", "github"}}}};
}

TEST(Faults, FaultAtFailsExactlyTheNthRequestBeforeAnySideEffect) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--fault-at", "2:429", "--retry-after", "7", "--fault-at", "3:503"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  EXPECT_EQ(client.get(kMe).status, 200);
  TestResponse limited = client.post(kConnections, connection("a"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("Retry-After"), "7");
  EXPECT_EQ(limited.json["error_code"], "REQUEST_LIMIT_EXCEEDED");
  TestResponse unavailable = client.post(kConnections, connection("a"));
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.json["error_code"], "TEMPORARILY_UNAVAILABLE");
  EXPECT_EQ(unavailable.header("Retry-After"), "7");
  EXPECT_EQ(client.get(std::string(kConnections) + "/a").status, 404);  // neither took effect
  EXPECT_EQ(client.post(kConnections, connection("a")).status, 200);
  EXPECT_EQ(client.send("GET", "/__emulator/requests", "").json["count"], 5);
}

TEST(Faults, FiveHundredVariants) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--fault-at", "1:500", "--fault-at", "2:500-html", "--fault-at", "3:500-empty"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  TestResponse json = client.get(kMe);
  EXPECT_EQ(json.status, 500);
  EXPECT_EQ(json.json["error_code"], "INTERNAL_ERROR");
  TestResponse html = client.get(kMe);
  EXPECT_EQ(html.status, 500);
  EXPECT_NE(html.body.find("<pre>"), std::string::npos);
  TestResponse empty = client.get(kMe);
  EXPECT_EQ(empty.status, 500);
  EXPECT_TRUE(empty.body.empty());
  EXPECT_EQ(client.get(kMe).status, 200);
}

TEST(Faults, DropAndResetLoseTheRequest) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--fault-at", "1:drop", "--fault-at", "2:reset"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  TestResponse dropped = client.post(kConnections, connection("d"));
  EXPECT_TRUE(dropped.transportError);
  TestResponse reset = client.post(kConnections, connection("d"));
  EXPECT_TRUE(reset.transportError);
  EXPECT_EQ(client.get(std::string(kConnections) + "/d").status, 404);
}

TEST(Faults, CommitThenDropKeepsTheSideEffect) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--fault-at", "1:commit-drop"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  TestResponse lost = client.post(kConnections, connection("c"));
  EXPECT_TRUE(lost.transportError);
  EXPECT_EQ(client.get(std::string(kConnections) + "/c").status, 200);
  EXPECT_EQ(client.post(kConnections, connection("c")).status, 409);  // a blind retry conflicts
  std::ifstream in(emulator.requestLogPath());
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(nlohmann::json::parse(first)["fault"], "commit-drop");
}

TEST(Faults, RateIsDeterministicForASeed) {
  auto pattern = [](const std::string& seed) {
    test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--seed", seed, "--fault-rate", "0.3", "--faults", "500,503"});
    EXPECT_TRUE(emulator.ok()) << emulator.error();
    TestClient client(emulator);
    std::string statuses;
    for (int i = 0; i < 40; ++i) statuses += std::to_string(client.get(kMe).status) + " ";
    return statuses;
  };
  const std::string first = pattern("7");
  EXPECT_EQ(first, pattern("7"));
  EXPECT_NE(first, pattern("8"));
  EXPECT_NE(first.find("200"), std::string::npos);
  EXPECT_NE(first.find("50"), std::string::npos);
}

TEST(Faults, RateLimitPerFamily) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--rate-limit", "0.01"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  EXPECT_EQ(client.get(kMe).status, 200);
  TestResponse limited = client.get(kMe);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.json["error_code"], "REQUEST_LIMIT_EXCEEDED");
  EXPECT_EQ(limited.header("Retry-After"), "100");
  EXPECT_EQ(client.get(kConnections).status, 200);  // another family has its own bucket
}

TEST(Faults, LatencyIsAppliedServerSide) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--latency-ms", "30"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  EXPECT_EQ(client.get(kMe).status, 200);
  std::ifstream in(emulator.requestLogPath());
  std::string line;
  std::getline(in, line);
  EXPECT_GE(nlohmann::json::parse(line)["latency_ms"].get<double>(), 30.0);
}

TEST(Faults, BadFlagsAreRejected) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--faults", "explode"});
  EXPECT_FALSE(emulator.ok());
}

}  // namespace
}  // namespace cc::emulator::test
