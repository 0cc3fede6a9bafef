#include "engine/planner.h"

#include <gtest/gtest.h>

#include "engine/state_store.h"
#include "engine/ownership.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using testing::applyAll;
using testing::githubManifest;
using testing::InMemoryProvider;
using testing::manifestOf;
using testing::planFor;

const std::string kRoot = "/Users/alice@example.com/.lakeflow_community_connectors";

const PlannedAction& actionOf(const Plan& plan, ResourceKind kind, const std::string& name) {
  const PlannedAction* a = plan.find({kind, name});
  if (!a) throw std::runtime_error("no action for " + name);
  return *a;
}

TEST(Planner, EmptyWorkspacePlansCreatesInDependencyOrder) {
  InMemoryProvider ws;
  auto plan = planFor(githubManifest(), ws);
  ASSERT_TRUE(plan.ok());
  auto c = plan->counts();
  EXPECT_EQ(c.create, 5);  // connection, directory, repo, ingest file, pipeline
  EXPECT_EQ(c.unchanged, 0);
  const auto& pipe = actionOf(*plan, ResourceKind::Pipeline, "gh_ingest");
  EXPECT_EQ(pipe.action, ActionKind::Create);
  EXPECT_EQ(pipe.dependsOn.size(), 3u);  // connection, ingest file, repo
  // Observe is batched: one call per kind, never one per resource.
  EXPECT_EQ(ws.calls("observe"), 5);
  EXPECT_EQ(ws.mutatingCalls(), 0);
}

TEST(Planner, ApplyThenPlanIsEmptyAndSecondApplySendsNothing) {
  InMemoryProvider ws;
  auto first = planFor(githubManifest(), ws);
  ASSERT_TRUE(first.ok());
  auto summary = applyAll(*first, ws);
  EXPECT_EQ(summary.done, 5);
  EXPECT_TRUE(summary.ok());
  EXPECT_EQ(ws.receivedSecrets({ResourceKind::Connection, "gh"}).at("options.token"), "ghp_one");

  auto second = planFor(githubManifest(), ws);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->hasChanges());
  EXPECT_EQ(second->counts().unchanged, 5);
  ws.resetCounts();
  auto again = applyAll(*second, ws);
  EXPECT_EQ(again.done, 0);
  EXPECT_EQ(ws.mutatingCalls(), 0);
}

TEST(Planner, ChangedSecretShowsAsSensitiveWithoutValues) {
  InMemoryProvider ws;
  applyAll(*planFor(githubManifest("ghp_one"), ws), ws);
  auto plan = planFor(githubManifest("ghp_two"), ws);
  ASSERT_TRUE(plan.ok());
  const auto& c = actionOf(*plan, ResourceKind::Connection, "gh");
  EXPECT_EQ(c.action, ActionKind::Update);
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].field, "options.token");
  EXPECT_TRUE(c.changes[0].sensitive);
  EXPECT_TRUE(c.changes[0].before.is_null());
  EXPECT_TRUE(c.changes[0].after.is_null());
  // Nowhere in the workspace's files is the plaintext.
  for (const auto& [path, file] : ws.files()) EXPECT_EQ(file.content.find("ghp_"), std::string::npos) << path;
  applyAll(*plan, ws);
  EXPECT_EQ(ws.receivedSecrets({ResourceKind::Connection, "gh"}).at("options.token"), "ghp_two");
  EXPECT_FALSE(planFor(githubManifest("ghp_two"), ws)->hasChanges());
}

TEST(Planner, OmittedPlainOptionIsComparedThroughItsFingerprint) {
  InMemoryProvider ws;
  applyAll(*planFor(githubManifest(), ws), ws);
  auto doc = testing::githubDocument();
  doc["connections"]["gh"]["options"]["owner"] = "otherorg";
  auto plan = planFor(manifestOf(doc, {{"/connections/gh/options/token", "ghp_one"}}), ws);
  const auto& c = actionOf(*plan, ResourceKind::Connection, "gh");
  EXPECT_EQ(c.action, ActionKind::Update);
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].field, "options.owner");
  EXPECT_FALSE(c.changes[0].sensitive);
}

TEST(Planner, ImmutableFieldForcesReplaceAndWarnsAboutTables) {
  InMemoryProvider ws;
  applyAll(*planFor(githubManifest(), ws), ws);
  auto doc = testing::githubDocument();
  doc["pipelines"]["gh_ingest"]["catalog"] = "other";
  auto plan = planFor(manifestOf(doc, {{"/connections/gh/options/token", "ghp_one"}}), ws);
  const auto& p = actionOf(*plan, ResourceKind::Pipeline, "gh_ingest");
  EXPECT_EQ(p.action, ActionKind::Replace);
  ASSERT_EQ(p.changes.size(), 1u);
  EXPECT_TRUE(p.changes[0].forcesReplace);
  bool warned = false;
  for (const auto& n : p.notes) warned |= n.find("drops the tables") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(Planner, UnmarkedResourceIsNotTouchedUnlessAdopted) {
  InMemoryProvider ws;
  // Someone created the connection with the original tool: its comment has no marker.
  ws.objects()[{ResourceKind::Connection, "gh"}] = {
      {ResourceKind::Connection, "gh"}, true,
      {{"name", "gh"}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"}, {"comment", "created by lakeflow community-connector CLI tool"},
       {"options", {{"sourceName", "github"}}}},
      "c1", "v1", {}, {}};
  // It differs from the manifest (options), so planning it is an error that names the remedy.
  auto plan = planFor(githubManifest(), ws);
  ASSERT_FALSE(plan.ok());
  const Diagnostic& d = plan.diagnostics().items().at(0);
  EXPECT_NE(d.summary.find("connection gh exists in the workspace, belongs to no deployment"), std::string::npos) << d.summary;
  EXPECT_NE(d.summary.find("options"), std::string::npos) << d.summary;
  EXPECT_NE(d.detail.find("--adopt"), std::string::npos);

  PlanSettings adopt;
  adopt.adopt = true;
  auto adopted = planFor(githubManifest(), ws, adopt);
  const auto& a = actionOf(*adopted, ResourceKind::Connection, "gh");
  EXPECT_EQ(a.action, ActionKind::Update);  // comment is immutable but ignored when adopting
  EXPECT_EQ(a.changes[0].field, "(ownership)");
  applyAll(*adopted, ws);
  auto after = planFor(githubManifest(), ws);
  EXPECT_FALSE(after->hasChanges());
  EXPECT_TRUE(actionOf(*after, ResourceKind::Connection, "gh").owned);
}

TEST(Planner, PruneDeletesOnlyOwnedResourcesMissingFromTheManifest) {
  InMemoryProvider ws;
  applyAll(*planFor(githubManifest(), ws), ws);
  ws.objects()[{ResourceKind::Pipeline, "foreign"}] = {{ResourceKind::Pipeline, "foreign"}, true, {{"name", "foreign"}}, "p9", "v1", {}, {}};
  auto doc = testing::githubDocument();
  doc["pipelines"].erase("gh_ingest");
  doc.erase("pipelines");
  auto m = manifestOf(doc, {{"/connections/gh/options/token", "ghp_one"}});
  auto noPrune = planFor(m, ws);
  EXPECT_EQ(noPrune->counts().remove, 0);
  PlanSettings prune;
  prune.prune = true;
  auto plan = planFor(m, ws, prune);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(actionOf(*plan, ResourceKind::Pipeline, "gh_ingest").action, ActionKind::Delete);
  EXPECT_EQ(plan->find({ResourceKind::Pipeline, "foreign"}), nullptr);
  const auto& repo = actionOf(*plan, ResourceKind::Repo, kRoot + "/gh_ingest");
  EXPECT_EQ(repo.action, ActionKind::Delete);
  // Deletes run in reverse: the repo waits for the pipeline.
  EXPECT_NE(std::find(repo.dependsOn.begin(), repo.dependsOn.end(), ResourceKey{ResourceKind::Pipeline, "gh_ingest"}),
            repo.dependsOn.end());
  EXPECT_TRUE(applyAll(*plan, ws).ok());
  EXPECT_EQ(ws.objects().count({ResourceKind::Pipeline, "foreign"}), 1u);
  EXPECT_EQ(ws.objects().count({ResourceKind::Pipeline, "gh_ingest"}), 0u);
}

TEST(Planner, DestroyDeletesOwnedResourcesOfTheManifest) {
  InMemoryProvider ws;
  applyAll(*planFor(githubManifest(), ws), ws);
  PlanSettings destroy;
  destroy.destroy = true;
  auto plan = planFor(githubManifest(), ws, destroy);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->counts().remove, 4);  // the shared directory stays
  const auto& conn = actionOf(*plan, ResourceKind::Connection, "gh");
  EXPECT_NE(std::find(conn.dependsOn.begin(), conn.dependsOn.end(), ResourceKey{ResourceKind::Pipeline, "gh_ingest"}),
            conn.dependsOn.end());
  EXPECT_TRUE(applyAll(*plan, ws).ok());
  // The connection's record leaves the store with it.
  ASSERT_EQ(ws.files().count(Deployment{}.stateFile()), 1u);
  const StateFileContent state = parseStateFile(ws.files().at(Deployment{}.stateFile()).content);
  EXPECT_EQ(state.fingerprints.count("gh"), 0u);
  EXPECT_TRUE(state.resources.empty());
}

TEST(Planner, TargetSelectsResourceWithItsDependencies) {
  InMemoryProvider ws;
  auto doc = testing::githubDocument();
  doc["connections"]["other"] = {{"source", "stripe"}};
  PlanSettings s;
  s.targets = {"gh_ingest"};
  auto plan = planFor(manifestOf(doc, {{"/connections/gh/options/token", "t"}}), ws, s);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->actions.size(), 5u);
  EXPECT_EQ(plan->find({ResourceKind::Connection, "other"}), nullptr);
  s.targets = {"nope"};
  auto bad = planFor(manifestOf(doc, {{"/connections/gh/options/token", "t"}}), ws, s);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics().items()[0].summary.find("--target nope"), std::string::npos);
}

TEST(Planner, MissingExternalConnectionIsAnError) {
  InMemoryProvider ws;
  nlohmann::json doc = {{"version", 1}, {"pipelines", {{"p", {{"source", "github"}, {"connection", "elsewhere"}}}}}};
  auto plan = planFor(manifestOf(doc), ws);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.diagnostics().items()[0].summary.find("connection elsewhere"), std::string::npos);
  ws.objects()[{ResourceKind::Connection, "elsewhere"}] = {{ResourceKind::Connection, "elsewhere"}, true, {}, "c", "v", {}, {}};
  EXPECT_TRUE(planFor(manifestOf(doc), ws).ok());
}

TEST(Planner, RunFollowsChangesOnly) {
  InMemoryProvider ws;
  auto doc = testing::githubDocument();
  doc["pipelines"]["gh_ingest"]["run"] = {{"after_apply", true}, {"wait", true}};
  auto m = manifestOf(doc, {{"/connections/gh/options/token", "t"}});
  auto plan = planFor(m, ws);
  EXPECT_EQ(actionOf(*plan, ResourceKind::PipelineRun, "gh_ingest").action, ActionKind::Run);
  auto summary = applyAll(*plan, ws);
  EXPECT_TRUE(summary.ok());
  EXPECT_EQ(ws.calls("start"), 1);
  EXPECT_EQ(ws.calls("poll"), 2);  // RUNNING, COMPLETED
  auto again = planFor(m, ws);
  EXPECT_EQ(actionOf(*again, ResourceKind::PipelineRun, "gh_ingest").action, ActionKind::NoOp);
  EXPECT_FALSE(again->hasChanges());
}

TEST(Planner, StalePlanIsRefusedNamingTheResource) {
  InMemoryProvider ws;
  applyAll(*planFor(githubManifest(), ws), ws);
  auto plan = planFor(githubManifest("new"), ws);
  EXPECT_TRUE(checkStale(*plan, ws).ok());
  ws.touch({ResourceKind::Pipeline, "gh_ingest"});
  auto stale = checkStale(*plan, ws);
  ASSERT_FALSE(stale.ok());
  EXPECT_NE(stale.diagnostics().items()[0].summary.find("pipeline.gh_ingest changed"), std::string::npos);
}

TEST(Planner, ObserveFailureNamesTheKind) {
  InMemoryProvider ws;
  ws.failOn("observe", "pipeline", "500 INTERNAL_ERROR: boom");
  auto plan = planFor(githubManifest(), ws);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.diagnostics().items()[0].summary, "reading pipelines: 500 INTERNAL_ERROR: boom");
}

}  // namespace
}  // namespace cc::engine

namespace cc::engine {
namespace {

TEST(PlannerRepo, RecreatedRepoRewritesItsIngestFile) {
  testing::InMemoryProvider ws;
  auto m = testing::manifestOf(testing::githubDocument(), {{"/connections/gh/options/token", "t"}});
  testing::applyAll(*testing::planFor(m, ws), ws);
  auto doc = testing::githubDocument();
  doc["pipelines"]["gh_ingest"]["repo"] = {{"url", "https://github.com/myorg/connectors.git"}};
  auto plan = testing::planFor(testing::manifestOf(doc, {{"/connections/gh/options/token", "t"}}), ws);
  ASSERT_TRUE(plan.ok());
  const std::string ws_path = "/Users/alice@example.com/.lakeflow_community_connectors/gh_ingest";
  EXPECT_EQ(plan->find({ResourceKind::Repo, ws_path})->action, ActionKind::Replace);
  const PlannedAction* file = plan->find({ResourceKind::IngestFile, ws_path + "/ingest.py"});
  EXPECT_EQ(file->action, ActionKind::Create);
  EXPECT_TRUE(testing::applyAll(*plan, ws).ok());
  EXPECT_EQ(ws.objects().count({ResourceKind::IngestFile, ws_path + "/ingest.py"}), 1u);
  EXPECT_FALSE(testing::planFor(testing::manifestOf(doc, {{"/connections/gh/options/token", "t"}}), ws)->hasChanges());
}

}  // namespace
}  // namespace cc::engine
