// Apply when things go wrong: a failed create skips its dependents, a killed apply converges on
// the next one without duplicates, two applies meet the lock, a pipeline run fails.
#include <gtest/gtest.h>

#include "declarative_support.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class DeclarativeFailure : public DeclarativeTest {};

/// 1-based index, among API requests, of the first POST creating connection `name`.
std::size_t connectionCreateIndex(const std::string& logPath, const std::string& name) {
  auto requests = apiRequests(logPath);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& r = requests[i];
    if (r.value("method", "") == "POST" && r.value("path", "") == "/api/2.1/unity-catalog/connections" &&
        r.contains("body") && r["body"].is_object() && r["body"].value("name", "") == name)
      return i + 1;
  }
  return 0;
}

/// Lock-file creations (successful or not) the emulator logged.
std::size_t lockImports(const std::string& logPath) {
  std::size_t n = 0;
  for (const auto& r : apiRequests(logPath))
    n += r.value("path", "") == "/api/2.0/workspace/import" && r.dump().find("apply.lock") != std::string::npos;
  return n;
}

/// Polls until `n` lock-file creations were logged (a creation is logged once answered, so the
/// last one has been refused or granted) or `p` ended. Waits on a condition, not on a time.
bool waitForLockImports(const std::string& logPath, std::size_t n, const CliProcess& p) {
  while (lockImports(logPath) < n) {
    if (exited(p)) return lockImports(logPath) >= n;
    ::usleep(1000);
  }
  return true;
}

TEST_F(DeclarativeFailure, AFailedCreateSkipsItsDependentsThenReapplyConverges) {
  // Where the create of gh_conn falls at --parallelism 1, learnt from a clean run.
  std::size_t at = 0;
  {
    startEmulator();
    ASSERT_EQ(cli({"apply", "-f", "two.yaml", "--auto-approve", "--parallelism", "1"}).exit, 0);
    at = connectionCreateIndex(log(), "gh_conn");
    ASSERT_GT(at, 0u);
  }
  // A create whose outcome is unknown (500) is looked up by name and tried again, 3 times in
  // all: fail each POST, let the lookups between them through.
  startEmulator({"--fault-at", std::to_string(at) + ":500", "--fault-at", std::to_string(at + 2) + ":500",
                 "--fault-at", std::to_string(at + 4) + ":500"});
  auto failed = cli({"apply", "-f", "two.yaml", "--auto-approve", "--parallelism", "1"});
  EXPECT_EQ(failed.exit, 1) << failed.out << failed.err;
  EXPECT_THAT(failed.out, HasSubstr("skipped because connection gh_conn failed"));
  EXPECT_THAT(failed.out, HasSubstr("Apply failed"));
  EXPECT_THAT(failed.out, HasSubstr("1 failed"));
  EXPECT_THAT(failed.out, Not(HasSubstr(" 0 skipped")));
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh2_ingest"});
  EXPECT_FALSE(connection("gh_conn"));

  auto again = cli({"apply", "-f", "two.yaml", "--auto-approve"});
  ASSERT_EQ(again.exit, 0) << again.out << again.err;
  EXPECT_EQ(pipelineNames(), (std::vector<std::string>{"gh2_ingest", "gh_ingest"}));
  EXPECT_EQ(countConnections(), 2u);
  EXPECT_EQ(cli({"plan", "-f", "two.yaml", "--detailed-exitcode"}).exit, 0);
}

TEST_F(DeclarativeFailure, KilledApplyConvergesWithoutDuplicates) {
  startEmulator();
  // A full apply of two.yaml takes a few dozen requests; kill at points spread across it. The
  // emulator parks the apply's request at each point, so the kill provably lands mid-apply.
  std::size_t total = 0;
  for (std::size_t killAt : {4u, 9u, 16u, 24u}) {
    holdRequests("", requestsSoFar() + killAt);
    auto p = startCli({"apply", "-f", "two.yaml", "--auto-approve"}, work_, env_);
    const bool reached = !emulator_->waitForHeldUnless([&p] { return exited(p); }).empty();
    auto r = finishCli(p, SIGKILL);
    ASSERT_TRUE(emulator_->releaseHeld());  // what was parked takes effect, as if just received
    expectNoSecret(r);
    if (!reached) break;  // the apply needed fewer requests than that
    ++total;
    // A killed apply that held the lock left it: force-unlock names its holder and its id, and
    // removes it given that id. (Killed while planning, before the lock, it left none.)
    auto asked = cli({"force-unlock", "-f", "two.yaml"});
    if (asked.exit == 0) {
      EXPECT_THAT(asked.out, HasSubstr("no apply lock"));
      continue;
    }
    EXPECT_THAT(asked.err, HasSubstr("pid " + std::to_string(p.pid)));
    auto unlock = cli({"force-unlock", "-f", "two.yaml", lockIdIn(asked.err), "--yes"});
    EXPECT_EQ(unlock.exit, 0) << unlock.err;
  }
  EXPECT_GE(total, 2u) << "at least two kill points fell inside an apply";
  auto converged = cli({"apply", "-f", "two.yaml", "--auto-approve"});
  ASSERT_EQ(converged.exit, 0) << converged.out << converged.err;
  EXPECT_EQ(pipelineNames(), (std::vector<std::string>{"gh2_ingest", "gh_ingest"}));
  EXPECT_EQ(countConnections(), 2u);
  EXPECT_EQ(countRepos(), 2u);
  EXPECT_EQ(cli({"plan", "-f", "two.yaml", "--detailed-exitcode"}).exit, 0);
}

TEST_F(DeclarativeFailure, ARetryTimeoutEndsTheRetriesOfAServerThatKeepsFailing) {
  startEmulator({"--fault-rate", "1", "--fault", "503"});
  auto r = cli({"--retry-timeout", "3s", "plan", "-f", "one.yaml"});
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("503"));
  // The first read alone would make ten attempts within the default budget (five minutes);
  // three seconds of waiting for Retry-After leave room for a few.
  std::size_t attempts = 0;
  for (const auto& e : apiRequests(log())) attempts += e.value("path", "") == "/api/2.0/preview/scim/v2/Me";
  EXPECT_GE(attempts, 2u);
  EXPECT_LT(attempts, 10u);
  EXPECT_EQ(cli({"--retry-timeout", "soon", "plan"}).exit, 1) << "not a duration";
}

TEST_F(DeclarativeFailure, ForceUnlockTakesOnlyTheLockIdItIsShownAndAsks) {
  startEmulator({"--hold", "^POST /api/2\\.1/unity-catalog/connections$"});
  auto first = startCli({"apply", "-f", "one.yaml", "--auto-approve"}, work_, env_);
  ASSERT_NE(emulator_->waitForHeld(), "") << "the apply never reached its connection create";
  auto second = cli({"apply", "-f", "one.yaml", "--auto-approve"});
  EXPECT_EQ(second.exit, 1);
  const std::string id = lockIdIn(second.err);
  ASSERT_EQ(id.size(), 16u) << second.err;
  EXPECT_THAT(second.err, HasSubstr(" UTC (lock id " + id + ")"));
  EXPECT_THAT(second.err, HasSubstr("force-unlock " + id));
  EXPECT_EQ(cli({"force-unlock", "-f", "one.yaml", "0000000000000000", "--yes"}).exit, 1);
  EXPECT_EQ(cli({"force-unlock", "-f", "one.yaml", id}).exit, 1) << "not a terminal and no --yes";
  EXPECT_EQ(cli({"force-unlock", "-f", "one.yaml", id, "--yes"}).exit, 0);
  ASSERT_TRUE(emulator_->releaseHeld());
  finishCli(first);
}

TEST_F(DeclarativeFailure, ASecondApplyMeetsTheLockOrWaitsForIt) {
  // The first apply's connection create is parked by the emulator, so the first apply provably
  // holds the lock for as long as the second one runs, however fast either process is.
  startEmulator({"--hold", "^POST /api/2\\.1/unity-catalog/connections$"});
  auto first = startCli({"apply", "-f", "one.yaml", "--auto-approve"}, work_, env_);
  ASSERT_NE(emulator_->waitForHeld(), "") << "the first apply never reached its connection create";
  ASSERT_EQ(lockImports(log()), 1u);
  auto second = cli({"apply", "-f", "one.yaml", "--var", "schema=second", "--auto-approve"});
  ASSERT_TRUE(emulator_->releaseHeld());
  auto firstResult = finishCli(first);
  EXPECT_EQ(firstResult.exit, 0) << firstResult.out << firstResult.err;
  EXPECT_EQ(second.exit, 1) << second.out;
  EXPECT_THAT(second.err, HasSubstr("locked by"));
  EXPECT_THAT(second.err, HasSubstr("pid " + std::to_string(first.pid)));
  EXPECT_THAT(second.err, HasSubstr("force-unlock"));

  // With --lock-timeout an apply waits for the holder, then finds the work done. The holder is
  // parked at its pipeline update until the waiting apply has met the lock at least once.
  holdRequests("^PUT /api/2\\.0/pipelines/");
  const std::size_t imports = lockImports(log());
  auto third = startCli({"apply", "-f", "one.yaml", "--var", "schema=other", "--auto-approve"}, work_, env_);
  ASSERT_NE(emulator_->waitForHeld(), "") << "the third apply never reached its pipeline update";
  ASSERT_EQ(lockImports(log()), imports + 1);
  auto waiting = startCli({"apply", "-f", "one.yaml", "--var", "schema=other", "--auto-approve", "--lock-timeout", "60"},
                          work_, env_);
  ASSERT_TRUE(waitForLockImports(log(), imports + 2, waiting)) << "the waiting apply never tried the lock";
  ASSERT_TRUE(emulator_->releaseHeld());
  auto thirdResult = finishCli(third);
  auto waitingResult = finishCli(waiting);
  expectNoSecret(waitingResult);
  EXPECT_EQ(thirdResult.exit, 0) << thirdResult.err;
  EXPECT_EQ(waitingResult.exit, 0) << waitingResult.out << waitingResult.err;
  EXPECT_GT(lockImports(log()), imports + 2) << "the waiting apply took the lock after the holder let it go";
  EXPECT_EQ(pipelineNames(), std::vector<std::string>{"gh_ingest"});
  auto unlock = cli({"force-unlock", "-f", "one.yaml"});
  EXPECT_EQ(unlock.exit, 0);
  EXPECT_THAT(unlock.out, HasSubstr("no apply lock"));
}

TEST_F(DeclarativeFailure, RunAfterApplyFollowsTheUpdateAndAFailedUpdateFailsTheApply) {
  // Each update state lasts 0.1 s, so the CLI's once-a-second poll sees the end at once.
  startEmulator({"--time-scale", "0.1"});
  auto applied = cli({"apply", "-f", "run.yaml", "--auto-approve"});
  ASSERT_EQ(applied.exit, 0) << applied.out << applied.err;
  // The state the update started in, then the state it ended in, each on its own line.
  const auto first = applied.out.find("pipeline_run gh_ingest: update ");
  ASSERT_NE(first, std::string::npos) << applied.out;
  const auto completed = applied.out.find(" COMPLETED\n", first);
  ASSERT_NE(completed, std::string::npos) << applied.out;
  EXPECT_LT(applied.out.find('\n', first), completed) << "the starting state is printed first";
  // The update's events are shown as they come, the last one naming the final state.
  const auto event = applied.out.find("    INFO update_progress: Update ");
  ASSERT_NE(event, std::string::npos) << applied.out;
  EXPECT_NE(applied.out.find(" is COMPLETED.\n", event), std::string::npos) << applied.out;

  auto hook = api_->client().call({"POST", "/__emulator/fail-next-update", {}, nlohmann::json::object(), std::nullopt});
  ASSERT_TRUE(hook.ok());
  // A run follows a change only: change the schema.
  auto failed = cli({"apply", "-f", "run.yaml", "--var", "schema=github_bronze", "--auto-approve"});
  EXPECT_EQ(failed.exit, 1) << failed.out << failed.err;
  EXPECT_THAT(failed.out, HasSubstr("FAILED"));
  EXPECT_THAT(failed.out, HasSubstr("    ERROR update_progress: Update "));  // the failure's own event
  EXPECT_THAT(failed.out, HasSubstr("1 failed"));
}

TEST_F(DeclarativeFailure, AnInterruptedApplyEndsWithinSecondsReleasesTheLockAndReportsNothingDone) {
  // The connection create never gets an answer (parked): SIGTERM must not wait for it.
  startEmulator({"--hold", "^POST /api/2\\.1/unity-catalog/connections$"});
  auto p = startCli({"apply", "-f", "one.yaml", "--auto-approve"}, work_, env_);
  ASSERT_NE(emulator_->waitForHeld(), "") << "the apply never reached its connection create";
  auto r = finishCli(p, SIGTERM);
  expectNoSecret(r);
  EXPECT_EQ(r.exit, 143) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("interrupted"));
  EXPECT_THAT(r.out, Not(HasSubstr("connection gh_conn: done")));
  ASSERT_TRUE(emulator_->releaseHeld());
  auto unlock = cli({"force-unlock", "-f", "one.yaml"});
  EXPECT_EQ(unlock.exit, 0) << unlock.err;
  EXPECT_THAT(unlock.out, HasSubstr("no apply lock")) << "the interrupted apply released its lock";
  auto again = cli({"apply", "-f", "one.yaml", "--auto-approve"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;
  EXPECT_EQ(cli({"plan", "-f", "one.yaml", "--detailed-exitcode"}).exit, 0);
}

TEST_F(DeclarativeFailure, ARunIsFollowedNoLongerThanTheWaitTimeout) {
  // Each update state lasts 1,000 s: the run cannot end while the apply follows it.
  startEmulator({"--time-scale", "1000"});
  auto r = cli({"apply", "-f", "run.yaml", "--auto-approve", "--wait-timeout", "1"});
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_THAT(r.out + r.err, HasSubstr("--wait-timeout of 1 s reached"));
  EXPECT_THAT(r.out + r.err, HasSubstr("goes on in the workspace"));
  EXPECT_THAT(r.out, Not(HasSubstr("pipeline_run gh_ingest: done")));
}

}  // namespace
}  // namespace cc::e2e
