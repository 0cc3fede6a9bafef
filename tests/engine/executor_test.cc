#include "engine/executor.h"

#include <gtest/gtest.h>

#include <mutex>

#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using testing::InMemoryProvider;

/// Records events; thread-safe.
class Recorder : public ApplyObserver {
 public:
  void actionStarted(const ResourceKey& key, ActionKind) override { add("start " + key.address()); }
  void actionFinished(const ResourceKey& key, ActionKind, OutcomeKind o, const Diagnostic*) override {
    add((o == OutcomeKind::Done ? "done " : "failed ") + key.address());
  }
  void actionSkipped(const ResourceKey& key, ActionKind, const ResourceKey& because) override {
    add("skip " + key.address() + " because " + because.address());
  }
  void runStateChanged(const ResourceKey&, const std::string&, const std::string& state) override { add("state " + state); }
  bool wantsRunEvents() const override { return true; }
  void runEvent(const ResourceKey&, const std::string&, const RunEvent& e) override { add("event " + e.message); }
  std::vector<std::string> events;
  std::size_t indexOf(const std::string& e) const {
    return static_cast<std::size_t>(std::find(events.begin(), events.end(), e) - events.begin());
  }

 private:
  void add(std::string e) {
    std::lock_guard lock(m_);
    events.push_back(std::move(e));
  }
  std::mutex m_;
};

Plan githubPlan(InMemoryProvider& ws, bool run = false) {
  auto doc = testing::githubDocument();
  doc["pipelines"]["second"] = {{"source", "stripe"}, {"connection", "gh"}};
  if (run) doc["pipelines"]["gh_ingest"]["run"] = {{"after_apply", true}, {"wait", true}};
  return std::move(testing::planFor(testing::manifestOf(doc, {{"/connections/gh/options/token", "t"}}), ws)).value();
}

TEST(Executor, DependenciesFinishBeforeDependentsStart) {
  InMemoryProvider ws;
  Plan plan = githubPlan(ws);
  Recorder rec;
  std::atomic<bool> cancel{false};
  auto s = applyPlan(plan, ws, {10}, rec, cancel);
  EXPECT_EQ(s.done, 8);
  for (const auto& a : plan.actions) {
    for (const auto& d : a.dependsOn) {
      EXPECT_LT(rec.indexOf("done " + d.address()), rec.indexOf("start " + a.key.address()))
          << d.address() << " before " << a.key.address();
    }
  }
}

TEST(Executor, FailureSkipsOnlyDependentsAndTheRestContinues) {
  InMemoryProvider ws;
  Plan plan = githubPlan(ws);
  ws.failOn("create", "/Users/alice@example.com/.lakeflow_community_connectors/gh_ingest", "400 INVALID_PARAMETER_VALUE: bad url");
  Recorder rec;
  std::atomic<bool> cancel{false};
  auto s = applyPlan(plan, ws, {3}, rec, cancel);
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(s.skipped, 2);  // the ingest file and pipeline of gh_ingest
  EXPECT_EQ(s.done, 5);     // connection, directory and all of `second`
  EXPECT_FALSE(s.ok());
  const auto repoAddr = "repo./Users/alice@example.com/.lakeflow_community_connectors/gh_ingest";
  EXPECT_LT(rec.indexOf("skip pipeline.gh_ingest because " + std::string(repoAddr)), rec.events.size());
  for (const auto& o : s.outcomes) {
    if (o.outcome == OutcomeKind::Failed) {
      ASSERT_TRUE(o.error.has_value());
      EXPECT_EQ(o.error->summary, "repo /Users/alice@example.com/.lakeflow_community_connectors/gh_ingest: create failed: "
                                  "400 INVALID_PARAMETER_VALUE: bad url");
    }
  }
  // Re-running converges: the plan now only holds what failed or was skipped.
  ws.clearFaults();
  auto again = githubPlan(ws);
  EXPECT_EQ(again.counts().create, 3);
  EXPECT_TRUE(applyAll(again, ws).ok());
}

TEST(Executor, CancelStopsStartingNewActions) {
  InMemoryProvider ws;
  Plan plan = githubPlan(ws);
  std::atomic<bool> cancel{true};
  NullApplyObserver none;
  auto s = applyPlan(plan, ws, {1}, none, cancel);
  EXPECT_TRUE(s.cancelled);
  EXPECT_EQ(s.done, 0);
  EXPECT_EQ(s.notStarted, 8);
  EXPECT_EQ(ws.mutatingCalls(), 0);
}

TEST(Executor, RunWaitsForTheUpdateAndReportsStates) {
  InMemoryProvider ws;
  Plan plan = githubPlan(ws, true);
  Recorder rec;
  std::atomic<bool> cancel{false};
  auto s = applyPlan(plan, ws, {2}, rec, cancel);
  EXPECT_TRUE(s.ok());
  EXPECT_LT(rec.indexOf("state RUNNING"), rec.indexOf("state COMPLETED"));
  EXPECT_LT(rec.indexOf("state COMPLETED"), rec.events.size());
  // Each poll's events are reported, in order, before the state they led to.
  const auto running = std::find_if(rec.events.begin(), rec.events.end(),
                                    [](const std::string& e) { return e.rfind("event ", 0) == 0 && e.ends_with("RUNNING"); });
  ASSERT_NE(running, rec.events.end());
  EXPECT_LT(static_cast<std::size_t>(running - rec.events.begin()), rec.indexOf("state RUNNING"));
  EXPECT_LT(rec.indexOf("state RUNNING"), static_cast<std::size_t>(std::find_if(rec.events.begin(), rec.events.end(), [](const std::string& e) {
    return e.rfind("event ", 0) == 0 && e.ends_with("COMPLETED");
  }) - rec.events.begin()));
}

TEST(Executor, FailedRunIsAFailure) {
  InMemoryProvider ws;
  ws.runStates = {"RUNNING", "FAILED"};
  Plan plan = githubPlan(ws, true);
  auto s = applyAll(plan, ws);
  EXPECT_EQ(s.failed, 1);
  bool found = false;
  for (const auto& o : s.outcomes) {
    if (o.outcome == OutcomeKind::Failed) found = o.error->summary.find("ended FAILED") != std::string::npos;
  }
  EXPECT_TRUE(found);
}

/// Sets the cancel flag when the first action finishes, like a Ctrl-C during apply.
class CancelAfterFirst : public NullApplyObserver {
 public:
  explicit CancelAfterFirst(std::atomic<bool>& cancel) : cancel_(cancel) {}
  void actionFinished(const ResourceKey&, ActionKind, OutcomeKind, const Diagnostic*) override { cancel_ = true; }

 private:
  std::atomic<bool>& cancel_;
};

TEST(Executor, CtrlCLetsTheActionInFlightFinishAndStartsNoOther) {
  InMemoryProvider ws;
  Plan plan = githubPlan(ws);
  std::atomic<bool> cancel{false};
  CancelAfterFirst observer(cancel);
  auto s = applyPlan(plan, ws, {1}, observer, cancel);
  EXPECT_TRUE(s.cancelled);
  EXPECT_EQ(s.done, 1);
  EXPECT_EQ(s.notStarted, 7);
  EXPECT_EQ(ws.calls("create"), 1);
}

TEST(Executor, DestroyDeletesDependentsFirst) {
  InMemoryProvider ws;
  applyAll(githubPlan(ws), ws);
  auto doc = testing::githubDocument();
  doc["pipelines"]["second"] = {{"source", "stripe"}, {"connection", "gh"}};
  PlanSettings destroy;
  destroy.destroy = true;
  auto plan = testing::planFor(testing::manifestOf(doc, {{"/connections/gh/options/token", "t"}}), ws, destroy);
  ASSERT_TRUE(plan.ok());
  Recorder rec;
  std::atomic<bool> cancel{false};
  auto s = applyPlan(*plan, ws, {4}, rec, cancel);
  EXPECT_EQ(s.done, 7);
  EXPECT_LT(rec.indexOf("done pipeline.gh_ingest"), rec.indexOf("start connection.gh"));
  EXPECT_LT(rec.indexOf("done pipeline.second"), rec.indexOf("start connection.gh"));
  EXPECT_LT(rec.indexOf("done pipeline.second"),
            rec.indexOf("start repo./Users/alice@example.com/.lakeflow_community_connectors/second"));
  EXPECT_EQ(ws.objects().size(), 1u);  // only the shared directory is left
}

TEST(Executor, ParallelismOneStillCompletes) {
  InMemoryProvider ws;
  EXPECT_EQ(applyAll(githubPlan(ws), ws, 1).done, 8);
}

}  // namespace
}  // namespace cc::engine
