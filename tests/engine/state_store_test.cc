#include "engine/state_store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "engine/deployment.h"
#include "engine/ownership.h"
#include "support/in_memory_provider.h"

namespace cc::engine {
namespace {

const std::string kPath = Deployment{}.stateFile();

std::map<std::string, nlohmann::json> parseFingerprintStore(const std::string& content) {
  return parseStateFile(content).fingerprints;
}

std::string renderFingerprintStore(const std::map<std::string, nlohmann::json>& records) {
  StateFileContent content;
  content.fingerprints = records;
  return renderStateFile(content);
}

nlohmann::json record(int n) { return {{"version", 1}, {"salt", std::to_string(n)}}; }

TEST(StateStore, RendersAndParsesEveryRecord) {
  const std::map<std::string, nlohmann::json> records = {{"gh", record(1)}, {"stripe", record(2)}};
  EXPECT_EQ(parseFingerprintStore(renderFingerprintStore(records)), records);
}

TEST(StateStore, DamagedOrForeignContentHasNoRecords) {
  for (const char* content : {"", "{", "[]", "{\"version\":3,\"connections\":{\"gh\":{}}}",
                              "{\"version\":1,\"connections\":[]}", "{\"version\":\"1\"}"}) {
    EXPECT_TRUE(parseFingerprintStore(content).empty()) << content;
  }
  // A record that is not an object is dropped; the others stay.
  auto records = parseFingerprintStore(R"({"version":1,"connections":{"gh":{"salt":"x"},"bad":"text"}})");
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ(records.count("gh"), 1u);
}

TEST(StateStore, KeepsRecordsItDidNotChange) {
  testing::InMemoryProvider ws;
  // Another manifest of the same user owns "other": its record must survive this apply.
  ws.files()[kPath].content = renderFingerprintStore({{"other", record(7)}, {"gone", record(8)}});
  StateStore store(ws.workspace(), kPath, "d/default");
  ASSERT_TRUE(store.changeFingerprint("gh", record(1)).ok());
  ASSERT_TRUE(store.changeFingerprint("gone", std::nullopt).ok());
  const auto records = parseFingerprintStore(ws.files().at(kPath).content);
  EXPECT_EQ(records, (std::map<std::string, nlohmann::json>{{"gh", record(1)}, {"other", record(7)}}));
  EXPECT_EQ(ws.calls("readFiles"), 1);  // read once, at the first change
  EXPECT_EQ(ws.calls("writeFile"), 2);
}

TEST(StateStore, AFailedWriteFailsItsChangeAndTheNextWriteCarriesIt) {
  testing::InMemoryProvider ws;
  StateStore store(ws.workspace(), kPath, "d/default");
  ws.failNth("writeFile", 1);
  EXPECT_FALSE(store.changeFingerprint("a", record(1)).ok());
  EXPECT_EQ(ws.files().count(kPath), 0u);
  ASSERT_TRUE(store.changeFingerprint("b", record(2)).ok());
  EXPECT_EQ(parseFingerprintStore(ws.files().at(kPath).content).size(), 2u);
}

TEST(StateStore, AnUnreadableStoreFailsTheChangeAndWritesNothing) {
  testing::InMemoryProvider ws;
  ws.failNth("readFiles", 1);
  StateStore store(ws.workspace(), kPath, "d/default");
  EXPECT_FALSE(store.changeFingerprint("a", record(1)).ok());
  EXPECT_EQ(ws.calls("writeFile"), 0);
  // The next change reads again rather than overwriting the store with its own record; the
  // failed change was never made.
  ws.files()[kPath].content = renderFingerprintStore({{"other", record(7)}});
  ASSERT_TRUE(store.changeFingerprint("b", record(2)).ok());
  EXPECT_EQ(parseFingerprintStore(ws.files().at(kPath).content),
            (std::map<std::string, nlohmann::json>{{"b", record(2)}, {"other", record(7)}}));
}

TEST(StateStore, ParallelChangesAllLandInAtMostOneWriteEach) {
  testing::InMemoryProvider ws;
  StateStore store(ws.workspace(), kPath, "d/default");
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { ok[i] = store.changeFingerprint("c" + std::to_string(i), record(i)).ok() ? 1 : 0; });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ok[i], 1) << i;
  const auto records = parseFingerprintStore(ws.files().at(kPath).content);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads));
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(records.at("c" + std::to_string(i)), record(i));
  EXPECT_LE(ws.calls("writeFile"), kThreads);
  EXPECT_EQ(ws.calls("readFiles"), 1);
}

TEST(StateStore, RecordEntriesAndFingerprintsShareOneFile) {
  testing::InMemoryProvider ws;
  StateStore store(ws.workspace(), kPath, "team_a/prod");
  const ResourceKey repo{ResourceKind::Repo, "/Shared/x/p"};
  ASSERT_TRUE(store.changeMany({{repo, nlohmann::json{{"id", "7"}}}}, {{"gh", record(1)}}).ok());
  StateFileContent content = parseStateFile(ws.files().at(kPath).content);
  EXPECT_EQ(content.deployment, "team_a/prod");
  EXPECT_EQ(content.resources.at(repo), (nlohmann::json{{"id", "7"}}));
  EXPECT_EQ(content.fingerprints.at("gh"), record(1));
  ASSERT_TRUE(store.changeRecord(repo, std::nullopt).ok());
  content = parseStateFile(ws.files().at(kPath).content);
  EXPECT_TRUE(content.resources.empty());
  EXPECT_EQ(content.fingerprints.size(), 1u);
  EXPECT_EQ(parseStateFile(renderStateFile(content)).fingerprints, content.fingerprints);
}

TEST(StateStore, AVersionOneStoreOfAnEarlierReleaseGivesItsFingerprintsOnly) {
  const auto content = parseStateFile(R"({"version":1,"connections":{"gh":{"salt":"x"}},"resources":{"repo./a":{}}})");
  EXPECT_EQ(content.fingerprints.size(), 1u);
  EXPECT_TRUE(content.resources.empty());
}

}  // namespace
}  // namespace cc::engine
