// Applies under injected faults and crashes converge: 50 connections + 50 pipelines through 20 %
// seeded 429/500/503/dropped requests; the CLI SIGKILLed at 20 points of an apply (chosen by
// request counts in the emulator's log); the emulator itself killed and restarted mid-apply;
// two applies at once. Afterwards every resource exists exactly once, a further apply changes
// nothing, and nothing owned is left outside the manifest (lock, fingerprint records).

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "cli_process.h"
#include "workspace_snapshot.h"

namespace cc::reliability {
namespace {

const std::string kUser = "alice@example.com";
const std::string kState = "/Shared/.community-connector/fifty/default";

std::string pad(int i) {
  std::string s = std::to_string(i);
  return std::string(3 - s.size(), '0') + s;
}

// `n` connections and `n` pipelines, pipeline i reading from connection i.
std::string manifest(int n) {
  std::string m = "version: 1\ndeployment: fifty\nconnections:\n";
  for (int i = 0; i < n; ++i) {
    m += "  conn_" + pad(i) + ":\n    source: github\n    options: { token: \"${env.GITHUB_TOKEN}\", base_url: \"https://h" +
         pad(i) + "\" }\n";
  }
  m += "pipelines:\n";
  for (int i = 0; i < n; ++i) {
    m += "  pipe_" + pad(i) + ":\n    source: github\n    connection: conn_" + pad(i) +
         "\n    schema: raw_" + pad(i) + "\n    objects:\n      - table: { source_table: issues }\n"
         "    run: { after_apply: false }\n";
  }
  return m;
}

// Requests that changed connections, pipelines or repos since log line `from`.
int resourceMutationsSince(const test_support::EmulatorProcess& emulator, std::size_t from) {
  auto log = requestLog(emulator.requestLogPath());
  int n = 0;
  for (std::size_t i = from; i < log.size(); ++i) {
    const std::string method = log[i].value("method", "");
    const std::string path = log[i].value("path", "");
    const bool resource = path.find("/connections") != std::string::npos || path.find("/pipelines") != std::string::npos ||
                          path.find("/repos") != std::string::npos;
    if (resource && method != "GET") ++n;
  }
  return n;
}

class FaultConvergenceTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(work_.path() / "home"); }

  Environment env(const test_support::EmulatorProcess& emulator) const {
    Environment e = emulatorEnvironment(emulator);
    e["HOME"] = (work_.path() / "home").string();
    return e;
  }
  RunResult cli(const test_support::EmulatorProcess& emulator, std::vector<std::string> args) {
    RunResult r = runCli(args, work_.path(), env(emulator));
    EXPECT_EQ(crashSign(r), std::nullopt) << r.all();
    return r;
  }

  // Re-applies until success (at most `attempts`), clearing a lock a killed apply left behind.
  RunResult applyUntilConverged(const test_support::EmulatorProcess& emulator, int attempts, int* used = nullptr) {
    RunResult r;
    for (int i = 0; i < attempts; ++i) {
      if (used) *used = i + 1;
      r = cli(emulator, {"apply", "--auto-approve"});
      if (r.exit == 0) {
        // An apply with nothing left to do takes no lock, so it leaves one that a killed apply
        // held in place; the documented way out is force-unlock, which must then clear it.
        const std::string lock = readWorkspace(emulator.statePath(), kState).lockId;
        if (!lock.empty()) {
          EXPECT_EQ(cli(emulator, {"force-unlock", lock, "--yes"}).exit, 0);
        }
        return r;
      }
      if (r.all().find("lock") != std::string::npos) {
        // The message must say how to get out of it.
        EXPECT_NE(r.all().find("force-unlock"), std::string::npos) << r.all();
        const std::string lock = readWorkspace(emulator.statePath(), kState).lockId;
        EXPECT_NE(r.all().find(lock), std::string::npos) << "the message names the lock id\n" << r.all();
        EXPECT_EQ(cli(emulator, {"force-unlock", lock, "--yes"}).exit, 0);
      }
    }
    return r;
  }

  // Each of the n connections, pipelines and Git folders exactly once, nothing owned outside
  // the manifest, no lock left, every fingerprint record belongs to an existing connection.
  void expectConverged(const test_support::EmulatorProcess& emulator, int n, const std::string& label) {
    WorkspaceSnapshot s = readWorkspace(emulator.statePath(), kState);
    ASSERT_TRUE(s.readable) << label;
    EXPECT_EQ(s.duplicates(), "") << label;
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(s.connections["conn_" + pad(i)], 1) << label << " conn_" << pad(i);
      EXPECT_EQ(s.pipelines["pipe_" + pad(i)], 1) << label << " pipe_" << pad(i);
    }
    EXPECT_EQ(s.connections.size(), static_cast<std::size_t>(n)) << label;
    EXPECT_EQ(s.pipelines.size(), static_cast<std::size_t>(n)) << label;
    EXPECT_EQ(s.repos.size(), static_cast<std::size_t>(n)) << label;
    EXPECT_EQ(s.objectPaths.count(kState + "/apply.lock"), 0u) << label << ": lock left behind";
    // The deployment's record lists exactly the manifest's resources: each connection,
    // pipeline, Git folder and ingest file.
    EXPECT_EQ(s.recorded.size(), static_cast<std::size_t>(4 * n)) << label;
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(s.recorded.count("connection.conn_" + pad(i)), 1u) << label << ": conn_" << pad(i) << " not recorded";
      EXPECT_EQ(s.recorded.count("pipeline.pipe_" + pad(i)), 1u) << label << ": pipe_" << pad(i) << " not recorded";
    }
    for (const auto& name : s.fingerprinted) {
      EXPECT_EQ(s.connections.count(name), 1u) << label << ": orphaned fingerprint record of " << name;
    }
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(s.fingerprinted.count("conn_" + pad(i)), 1u) << label << ": no fingerprint record of conn_" << pad(i);
    }
    // Nothing to change, nothing owned to prune.
    RunResult plan = cli(emulator, {"plan", "--prune", "--detailed-exitcode"});
    EXPECT_EQ(plan.exit, 0) << label << "\n" << plan.all();
  }

  void runFifty(const std::string& kinds);
  void killAtPoints(int pairs, int count, const std::vector<std::string>& emulatorArgs);

  TempDir work_;
};

// The 429s exercise the rate limiter: it starts pacing a family at its first 429 and cuts the
// rate at most once a second, so scattered 429s slow the apply down without stalling it.
TEST_F(FaultConvergenceTest, FiftyConnectionsAndPipelinesUnderTwentyPercentFaults) {
  runFifty("429,500,503,drop");
}

void FaultConvergenceTest::runFifty(const std::string& kinds) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY,
                                         {"--fault-rate", "0.2", "--faults", kinds, "--seed", "42",
                                          "--retry-after", "0"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  writeText(work_.path() / "connectors.yaml", manifest(50));
  int applies = 0;
  RunResult r = applyUntilConverged(emulator, 3, &applies);
  ASSERT_EQ(r.exit, 0) << r.all();
  // Faults were really injected.
  int faults = 0;
  for (const auto& e : requestLog(emulator.requestLogPath())) faults += e.contains("fault");
  EXPECT_GT(faults, 20);
  expectConverged(emulator, 50, "after " + std::to_string(applies) + " applies");
  // A further apply is a no-op on connections, pipelines and repos.
  const std::size_t before = requestCount(emulator.requestLogPath());
  EXPECT_EQ(cli(emulator, {"apply", "--auto-approve"}).exit, 0);
  EXPECT_EQ(resourceMutationsSince(emulator, before), 0);
  std::cout << "[ faults ] " << faults << " injected faults, converged after " << applies << " apply(ies)\n";
}

// Total requests of a clean apply of `n` pairs; the crash points are spread over it.
std::size_t cleanApplyRequests(const fs::path& dir, int n) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  writeText(dir / "connectors.yaml", manifest(n));
  Environment e = emulatorEnvironment(emulator);
  e["HOME"] = dir.string();
  RunResult r = runCli({"apply", "--auto-approve"}, dir, e);
  return r.exit == 0 ? requestCount(emulator.requestLogPath()) : 0;
}

// Kills an apply of `pairs` pairs at `count` request numbers spread over a clean apply, then
// re-applies until it converges; every kill point must leave the workspace and the deployment's
// record exactly as the manifest says.
void FaultConvergenceTest::killAtPoints(int pairs, int count, const std::vector<std::string>& emulatorArgs) {
  const std::size_t total = cleanApplyRequests(work_.path(), pairs);
  ASSERT_GT(total, static_cast<std::size_t>(count));
  std::set<std::size_t> points;
  for (int i = 1; i <= count; ++i) points.insert(1 + (total - 2) * static_cast<std::size_t>(i) / (count + 1));
  ASSERT_EQ(points.size(), static_cast<std::size_t>(count));
  int killedMidway = 0;
  for (std::size_t point : points) {
    SCOPED_TRACE("killed at request " + std::to_string(point) + " of " + std::to_string(total));
    // The emulator parks request `point` and every later one: the kill lands mid-apply
    // whatever the speed of either process.
    std::vector<std::string> args = emulatorArgs;
    args.insert(args.end(), {"--hold-from", std::to_string(point)});
    test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, args);
    ASSERT_TRUE(emulator.ok()) << emulator.error();
    CliChild child = startCli({"apply", "--auto-approve", "--parallelism", "4"}, work_.path(), env(emulator));
    const bool held = !emulator.waitForHeldUnless([&child] { return childEnded(child); }).empty();
    RunResult killed = finishCli(child, SIGKILL);
    ASSERT_TRUE(emulator.releaseHeld());  // parked requests take effect before the re-apply reads
    killedMidway += held && killed.signal == SIGKILL;
    RunResult r = applyUntilConverged(emulator, 3);
    ASSERT_EQ(r.exit, 0) << r.all();
    expectConverged(emulator, pairs, "kill point " + std::to_string(point));
  }
  EXPECT_GE(killedMidway, count - count / 10);
}

TEST_F(FaultConvergenceTest, KilledAtTwentyPointsOfAnApplyReapplyConverges) { killAtPoints(3, 20, {}); }

// Twenty connections and twenty pipelines, every request 40 ms late, killed at ten points: many
// requests in flight at each kill (parallelism 4).
TEST_F(FaultConvergenceTest, TwentyAndTwentyWithLatencyKilledAtTenPointsConverge) {
  killAtPoints(20, 10, {"--latency-ms", "40"});
}

TEST_F(FaultConvergenceTest, EmulatorKilledAndRestartedMidApply) {
  constexpr int kPairs = 6;
  const std::size_t total = cleanApplyRequests(work_.path(), kPairs);
  ASSERT_GT(total, 10u);
  // Parked from half-way, so the emulator dies with the apply provably in flight.
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hold-from", std::to_string(total / 2)});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  CliChild child = startCli({"apply", "--auto-approve"}, work_.path(), env(emulator));
  ASSERT_NE(emulator.waitForHeldUnless([&child] { return childEnded(child); }), "") << "the apply ended before half-way";
  emulator.kill();  // state so far is on disk; the parked requests are lost
  ASSERT_TRUE(emulator.restartWith({}));
  RunResult first = finishCli(child);
  EXPECT_EQ(crashSign(first), std::nullopt) << first.all();
  RunResult r = applyUntilConverged(emulator, 3);
  ASSERT_EQ(r.exit, 0) << r.all();
  expectConverged(emulator, kPairs, "after the emulator restart");
}

TEST_F(FaultConvergenceTest, TwoAppliesAtOnceOneMeetsTheLock) {
  constexpr int kPairs = 4;
  // The first apply is parked at its first connection create, lock held, while the second runs.
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--hold", "^POST /api/2\\.1/unity-catalog/connections$"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  writeText(work_.path() / "connectors.yaml", manifest(kPairs));
  CliChild a = startCli({"apply", "--auto-approve"}, work_.path(), env(emulator));
  ASSERT_NE(emulator.waitForHeldUnless([&a] { return childEnded(a); }), "") << "the first apply never created a connection";
  RunResult rb = runCli({"apply", "--auto-approve"}, work_.path(), env(emulator));
  ASSERT_TRUE(emulator.releaseHeld());
  RunResult ra = finishCli(a);
  for (const RunResult* r : {&ra, &rb}) EXPECT_EQ(crashSign(*r), std::nullopt) << r->all();
  EXPECT_EQ(ra.exit, 0) << ra.all();
  EXPECT_EQ(rb.exit, 1) << rb.all();
  EXPECT_NE(rb.all().find("locked by"), std::string::npos) << rb.all();
  RunResult r = applyUntilConverged(emulator, 2);
  ASSERT_EQ(r.exit, 0) << r.all();
  expectConverged(emulator, kPairs, "after two concurrent applies");
}

}  // namespace
}  // namespace cc::reliability
