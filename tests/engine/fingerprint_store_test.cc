#include "engine/fingerprint_store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "engine/ownership.h"
#include "support/in_memory_provider.h"

namespace cc::engine {
namespace {

const std::string kPath = fingerprintStorePath("/Users/a/.lakeflow_community_connectors");

nlohmann::json record(int n) { return {{"version", 1}, {"salt", std::to_string(n)}}; }

TEST(FingerprintStore, RendersAndParsesEveryRecord) {
  const std::map<std::string, nlohmann::json> records = {{"gh", record(1)}, {"stripe", record(2)}};
  EXPECT_EQ(parseFingerprintStore(renderFingerprintStore(records)), records);
}

TEST(FingerprintStore, DamagedOrForeignContentHasNoRecords) {
  for (const char* content : {"", "{", "[]", "{\"version\":2,\"connections\":{\"gh\":{}}}",
                              "{\"version\":1,\"connections\":[]}", "{\"version\":\"1\"}"}) {
    EXPECT_TRUE(parseFingerprintStore(content).empty()) << content;
  }
  // A record that is not an object is dropped; the others stay.
  auto records = parseFingerprintStore(R"({"version":1,"connections":{"gh":{"salt":"x"},"bad":"text"}})");
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ(records.count("gh"), 1u);
}

TEST(FingerprintStore, KeepsRecordsItDidNotChange) {
  testing::InMemoryProvider ws;
  // Another manifest of the same user owns "other": its record must survive this apply.
  ws.files()[kPath].content = renderFingerprintStore({{"other", record(7)}, {"gone", record(8)}});
  FingerprintStore store(ws.workspace(), kPath);
  ASSERT_TRUE(store.change("gh", record(1)).ok());
  ASSERT_TRUE(store.change("gone", std::nullopt).ok());
  const auto records = parseFingerprintStore(ws.files().at(kPath).content);
  EXPECT_EQ(records, (std::map<std::string, nlohmann::json>{{"gh", record(1)}, {"other", record(7)}}));
  EXPECT_EQ(ws.calls("readFiles"), 1);  // read once, at the first change
  EXPECT_EQ(ws.calls("writeFile"), 2);
}

TEST(FingerprintStore, AFailedWriteFailsItsChangeAndTheNextWriteCarriesIt) {
  testing::InMemoryProvider ws;
  FingerprintStore store(ws.workspace(), kPath);
  ws.failNth("writeFile", 1);
  EXPECT_FALSE(store.change("a", record(1)).ok());
  EXPECT_EQ(ws.files().count(kPath), 0u);
  ASSERT_TRUE(store.change("b", record(2)).ok());
  EXPECT_EQ(parseFingerprintStore(ws.files().at(kPath).content).size(), 2u);
}

TEST(FingerprintStore, AnUnreadableStoreFailsTheChangeAndWritesNothing) {
  testing::InMemoryProvider ws;
  ws.failNth("readFiles", 1);
  FingerprintStore store(ws.workspace(), kPath);
  EXPECT_FALSE(store.change("a", record(1)).ok());
  EXPECT_EQ(ws.calls("writeFile"), 0);
  // The next change reads again rather than overwriting the store with its own record; the
  // failed change was never made.
  ws.files()[kPath].content = renderFingerprintStore({{"other", record(7)}});
  ASSERT_TRUE(store.change("b", record(2)).ok());
  EXPECT_EQ(parseFingerprintStore(ws.files().at(kPath).content),
            (std::map<std::string, nlohmann::json>{{"b", record(2)}, {"other", record(7)}}));
}

TEST(FingerprintStore, ParallelChangesAllLandInAtMostOneWriteEach) {
  testing::InMemoryProvider ws;
  FingerprintStore store(ws.workspace(), kPath);
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { ok[i] = store.change("c" + std::to_string(i), record(i)).ok() ? 1 : 0; });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ok[i], 1) << i;
  const auto records = parseFingerprintStore(ws.files().at(kPath).content);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads));
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(records.at("c" + std::to_string(i)), record(i));
  EXPECT_LE(ws.calls("writeFile"), kThreads);
  EXPECT_EQ(ws.calls("readFiles"), 1);
}

}  // namespace
}  // namespace cc::engine
