// Holds: the emulator parks chosen requests until released, so tests can know a client is
// blocked at one exact point instead of guessing from timing.
#include <gtest/gtest.h>

#include <thread>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

const char kHoldConnections[] = "/api/2.1/unity-catalog/connections";

nlohmann::json holdConnection(const std::string& name) {
  return {{"name", name}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"}, {"options", {{"sourceName", "github"}}}};
}

TEST(Hold, AMatchingRequestWaitsUntilReleasedAndTakesEffectBeforeReleaseReturns) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hold", "^POST /api/2\\.1/unity-catalog/connections$"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestResponse created;
  std::thread writer([&] {
    TestClient own(emulator);
    created = own.post(kHoldConnections, holdConnection("a"));
  });
  EXPECT_EQ(emulator.waitForHeld(), "1 POST /api/2.1/unity-catalog/connections");
  TestClient client(emulator);
  // Requests that do not match pass while the other is parked; the parked one has no effect yet.
  EXPECT_EQ(client.get(std::string(kHoldConnections) + "/a").status, 404);
  EXPECT_EQ(client.send("GET", "/__emulator/held", "").json["held"], 1);
  ASSERT_TRUE(emulator.releaseHeld());
  // release returned only once the parked request was handled.
  EXPECT_EQ(client.get(std::string(kHoldConnections) + "/a").status, 200);
  writer.join();
  EXPECT_EQ(created.status, 200);
  // The rule is cleared by the release: the next create is not parked.
  EXPECT_EQ(client.post(kHoldConnections, holdConnection("b")).status, 200);
  EXPECT_EQ(client.send("GET", "/__emulator/held", "").json["held"], 0);
}

TEST(Hold, ARuleSetAtRunTimeParksFromARequestNumberAndTheControlEndpointReleases) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  EXPECT_EQ(client.send("POST", "/__emulator/hold", R"({"pattern": "("})").status, 400);
  EXPECT_EQ(client.send("POST", "/__emulator/hold", R"({})").status, 400);
  EXPECT_EQ(client.get(kHoldConnections).status, 200);                                     // request 1
  ASSERT_EQ(client.send("POST", "/__emulator/hold", R"({"from": 3})").status, 200);
  EXPECT_EQ(client.get(kHoldConnections).status, 200);                                     // request 2 passes
  TestResponse third;
  std::thread reader([&] {
    TestClient own(emulator);
    third = own.get(kHoldConnections);                                                     // request 3 is parked
  });
  EXPECT_EQ(emulator.waitForHeld(), "3 GET /api/2.1/unity-catalog/connections");
  TestResponse released = client.send("POST", "/__emulator/release", "");
  EXPECT_EQ(released.status, 200);
  EXPECT_EQ(released.json["released"], 1);
  reader.join();
  EXPECT_EQ(third.status, 200);
}

TEST(Hold, AnInvalidPatternIsRefusedAtStart) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hold", "(unclosed"});
  EXPECT_FALSE(emulator.ok());
}

}  // namespace
}  // namespace cc::emulator::test
