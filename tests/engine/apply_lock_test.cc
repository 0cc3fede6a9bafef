#include "engine/apply_lock.h"

#include <gtest/gtest.h>

#include "engine/deployment.h"
#include "support/in_memory_provider.h"

namespace cc::engine {
namespace {

struct FakeClock {
  std::int64_t now = 1'000'000;
  LockSettings settings(std::string holder, std::int64_t timeoutMs) {
    LockSettings s;
    s.holder = std::move(holder);
    s.timeoutMs = timeoutMs;
    s.expireAfterMs = 60'000;
    s.nowMs = [this] { return now; };
    s.sleepMs = [this](std::int64_t ms) { now += ms; };
    return s;
  }
};

const std::string kLock = Deployment{}.lockFile();

TEST(ApplyLock, SecondApplyIsRefusedNamingTheHolder) {
  testing::InMemoryProvider ws;
  FakeClock clock;
  auto first = acquireApplyLock(ws.workspace(), kLock, clock.settings("alice on laptop", 0));
  ASSERT_TRUE(first.ok());
  auto second = acquireApplyLock(ws.workspace(), kLock, clock.settings("bob in CI", 5'000));
  ASSERT_FALSE(second.ok());
  const std::string message = second.diagnostics().items()[0].summary;
  EXPECT_NE(message.find("locked by alice on laptop since 1970-01-01 00:16:40 UTC (lock id " + first->id + ")"),
            std::string::npos)
      << message;
  EXPECT_NE(second.diagnostics().items()[0].detail.find("force-unlock " + first->id), std::string::npos);
  EXPECT_EQ(clock.now, 1'005'000);  // it waited out --lock-timeout
  ASSERT_TRUE(releaseApplyLock(ws.workspace(), *first).ok());
  EXPECT_TRUE(acquireApplyLock(ws.workspace(), kLock, clock.settings("bob in CI", 0)).ok());
}

TEST(ApplyLock, StaleLockIsTakenOver) {
  testing::InMemoryProvider ws;
  FakeClock clock;
  ASSERT_TRUE(acquireApplyLock(ws.workspace(), kLock, clock.settings("crashed", 0)).ok());
  clock.now += 61'000;
  auto next = acquireApplyLock(ws.workspace(), kLock, clock.settings("next", 0));
  ASSERT_TRUE(next.ok());
  EXPECT_NE(ws.files().at(kLock).content.find("next"), std::string::npos);
}

TEST(ApplyLock, ForceUnlockRemovesAnyLock) {
  testing::InMemoryProvider ws;
  FakeClock clock;
  ASSERT_TRUE(acquireApplyLock(ws.workspace(), kLock, clock.settings("someone", 0)).ok());
  ASSERT_TRUE(forceUnlock(ws.workspace(), kLock).ok());
  EXPECT_EQ(ws.files().count(kLock), 0u);
}

TEST(ApplyLock, ReleaseLeavesSomeoneElsesLock) {
  testing::InMemoryProvider ws;
  FakeClock clock;
  auto mine = acquireApplyLock(ws.workspace(), kLock, clock.settings("me", 0));
  ASSERT_TRUE(forceUnlock(ws.workspace(), kLock).ok());
  ASSERT_TRUE(acquireApplyLock(ws.workspace(), kLock, clock.settings("other", 0)).ok());
  ASSERT_TRUE(releaseApplyLock(ws.workspace(), *mine).ok());
  EXPECT_EQ(ws.files().count(kLock), 1u);
}

TEST(ApplyLock, AHeartbeatKeepsALongApplysLockFromGoingStale) {
  testing::InMemoryProvider ws;
  FakeClock clock;
  LockSettings settings = clock.settings("long apply", 0);
  settings.expireAfterMs = 600'000;
  auto held = acquireApplyLock(ws.workspace(), kLock, settings);
  ASSERT_TRUE(held.ok());
  clock.now += 540'000;
  ASSERT_TRUE(renewApplyLock(ws.workspace(), *held, clock.now).ok());
  clock.now += 540'000;  // 18 minutes since it was made, 9 since its heartbeat
  LockSettings other = clock.settings("other", 0);
  other.expireAfterMs = 600'000;
  EXPECT_FALSE(acquireApplyLock(ws.workspace(), kLock, other).ok());
  clock.now += 120'000;  // 11 minutes without a heartbeat: stale
  EXPECT_TRUE(acquireApplyLock(ws.workspace(), kLock, other).ok());
  EXPECT_FALSE(renewApplyLock(ws.workspace(), *held, clock.now).ok()) << "taken over: the old holder is told";
}

// A workspace whose first exclusive create succeeds but answers "exists", as when the answer
// to the create was lost and the client's retry met its own file.
class LostAnswer : public Workspace {
 public:
  explicit LostAnswer(Workspace& inner) : inner_(inner) {}
  Result<WorkspaceContext> currentContext() override { return inner_.currentContext(); }
  Result<bool> createFileExclusive(const std::string& path, const std::string& content) override {
    auto created = inner_.createFileExclusive(path, content);
    if (created && *created && !lost_) {
      lost_ = true;
      return false;
    }
    return created;
  }
  Result<std::map<std::string, SmallFile>> readFiles(const std::vector<std::string>& paths) override {
    return inner_.readFiles(paths);
  }
  Status writeFile(const std::string& path, const std::string& content) override { return inner_.writeFile(path, content); }
  Status deleteFile(const std::string& path) override { return inner_.deleteFile(path); }

 private:
  Workspace& inner_;
  bool lost_ = false;
};

TEST(ApplyLock, ALockWhoseCreateAnswerWasLostIsRecognisedAsOurs) {
  testing::InMemoryProvider ws;
  FakeClock clock;
  LostAnswer lossy(ws.workspace());
  auto held = acquireApplyLock(lossy, kLock, clock.settings("me", 5'000));
  ASSERT_TRUE(held.ok()) << held.diagnostics().items().at(0).summary;
  EXPECT_EQ(clock.now, 1'000'000) << "it did not wait for itself";
  EXPECT_EQ(parseLock(ws.files().at(kLock).content).id, held->id);
}

}  // namespace
}  // namespace cc::engine
