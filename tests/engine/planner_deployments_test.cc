// The planner's deployment scope through the Provider interface (in memory): edges of a large
// destroy, migration from an earlier release, a lost record rebuilt from the markers.
#include <gtest/gtest.h>

#include "engine/ownership.h"
#include "engine/planner.h"
#include "engine/state_store.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using testing::applyAll;
using testing::InMemoryProvider;
using testing::manifestOf;
using testing::planFor;

// `n` connections and `n` pipelines, pipeline i reading from connection i.
Manifest many(int n) {
  nlohmann::json doc = {{"version", 1}, {"connections", nlohmann::json::object()}, {"pipelines", nlohmann::json::object()}};
  std::map<std::string, std::string> secrets;
  for (int i = 0; i < n; ++i) {
    const std::string c = "c" + std::to_string(i);
    doc["connections"][c] = {{"source", "github"}, {"options", {{"token", "x"}}}};
    doc["pipelines"]["p" + std::to_string(i)] = {
        {"source", "github"}, {"connection", c}, {"objects", {{{"table", {{"source_table", "issues"}}}}}}};
    secrets["/connections/" + c + "/options/token"] = "t" + std::to_string(i);
  }
  return manifestOf(doc, secrets);
}

std::size_t edges(const Plan& plan) {
  std::size_t n = 0;
  for (const auto& a : plan.actions) n += a.dependsOn.size();
  return n;
}

TEST(DeploymentPlanning, ADestroyOfTenThousandResourcesHoldsLinearlyManyEdges) {
  InMemoryProvider ws;
  const Manifest m = many(2500);  // 2,500 × (connection, repo, ingest file, pipeline) + a folder
  ASSERT_TRUE(applyAll(*planFor(m, ws), ws, 16).ok());
  PlanSettings destroy;
  destroy.destroy = true;
  auto plan = planFor(m, ws, destroy);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->counts().remove, 10000);
  // Each pipeline's delete goes before its connection's, repo's and ingest file's; each ingest
  // file's (it names the connection) before its repo's and connection's: 5 edges per pipeline,
  // none between unrelated resources.
  EXPECT_EQ(edges(*plan), 12500u);
  const PlannedAction* connection = plan->find({ResourceKind::Connection, "c7"});
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(connection->dependsOn.size(), 2u);
  EXPECT_EQ(connection->dependsOn.back(), (ResourceKey{ResourceKind::Pipeline, "p7"}));
}

TEST(DeploymentPlanning, APruneOfResourcesOutsideTheManifestOrdersDeletesByTheRecord) {
  InMemoryProvider ws;
  ASSERT_TRUE(applyAll(*planFor(many(3), ws), ws).ok());
  PlanSettings prune;
  prune.prune = true;
  auto plan = planFor(many(1), ws, prune);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->counts().remove, 8);
  const PlannedAction* connection = plan->find({ResourceKind::Connection, "c2"});
  ASSERT_NE(connection, nullptr);
  ASSERT_EQ(connection->dependsOn.size(), 2u);
  EXPECT_EQ(connection->dependsOn[0].kind, ResourceKind::IngestFile);
  EXPECT_EQ(connection->dependsOn[1], (ResourceKey{ResourceKind::Pipeline, "p2"}));
  EXPECT_TRUE(applyAll(*plan, ws).ok());
  auto after = planFor(many(1), ws, prune);
  EXPECT_FALSE(after->hasChanges());
}

// Turns what this release made into what the earlier release made: the tool-wide markers, the
// fingerprints in the per-identity store, no deployment state.
void makeLegacy(InMemoryProvider& ws, const std::string& user) {
  for (auto& [key, o] : ws.objects()) {
    if (key.kind == ResourceKind::Connection) o.fields["comment"] = std::string(kConnectionMarker);
    if (key.kind == ResourceKind::Pipeline) o.fields["configuration"].erase(std::string(kPipelineDeploymentKey));
  }
  const std::string state = Deployment{}.stateFile();
  auto doc = nlohmann::json::parse(ws.files().at(state).content);
  ws.files().erase(state);
  ws.files()[legacyFingerprintStorePath(toolRoot(user))].content =
      nlohmann::json{{"version", 1}, {"key", doc["key"]}, {"connections", doc["connections"]}}.dump();
}

TEST(DeploymentPlanning, AnEarlierReleasesResourcesAreTakenInWithoutReplaceOrSecretResend) {
  InMemoryProvider ws;
  const Manifest m = many(2);
  ASSERT_TRUE(applyAll(*planFor(m, ws), ws).ok());
  makeLegacy(ws, "alice@example.com");
  auto plan = planFor(m, ws);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->counts().replace, 0);
  EXPECT_EQ(plan->counts().create, 0);
  const PlannedAction* c = plan->find({ResourceKind::Connection, "c0"});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->action, ActionKind::Update);
  ASSERT_EQ(c->changes.size(), 1u) << "the ownership only, no secret";
  EXPECT_EQ(c->changes[0].field, "(ownership)");
  EXPECT_NE(c->notes.at(0).find("earlier release"), std::string::npos);
  ws.resetCounts();
  ASSERT_TRUE(applyAll(*plan, ws).ok());
  EXPECT_EQ(ws.calls("update"), 2) << "the pipelines get their deployment marker; connections are not sent";
  const StateFileContent state = parseStateFile(ws.files().at(Deployment{}.stateFile()).content);
  EXPECT_EQ(state.fingerprints.size(), 2u) << "fingerprints moved into the deployment's state";
  EXPECT_EQ(state.resources.size(), 8u);
  EXPECT_FALSE(planFor(m, ws)->hasChanges());
}

TEST(DeploymentPlanning, ALostRecordIsRebuiltFromTheMarkers) {
  InMemoryProvider ws;
  ASSERT_TRUE(applyAll(*planFor(many(2), ws), ws).ok());
  auto content = parseStateFile(ws.files().at(Deployment{}.stateFile()).content);
  content.resources.clear();
  ws.files()[Deployment{}.stateFile()].content = renderStateFile(content);
  auto plan = planFor(many(2), ws);
  ASSERT_TRUE(plan.ok());
  for (const auto& a : plan->actions) EXPECT_EQ(a.action, ActionKind::NoOp) << a.key.address();
  EXPECT_EQ(plan->recordChanges.size(), 8u) << "every owned resource goes back into the record";
  // Pruning still finds the pipeline and connection by their markers, and their files through
  // the pipeline.
  PlanSettings prune;
  prune.prune = true;
  auto pruning = planFor(many(1), ws, prune);
  ASSERT_TRUE(pruning.ok());
  EXPECT_NE(pruning->find({ResourceKind::Pipeline, "p1"}), nullptr);
  EXPECT_NE(pruning->find({ResourceKind::Connection, "c1"}), nullptr);
}

TEST(DeploymentPlanning, ADeleteIsReCheckedAtApplyAndRefusedForWhatIsNotTheDeployments) {
  InMemoryProvider ws;
  ASSERT_TRUE(applyAll(*planFor(many(1), ws), ws).ok());
  // A plan (an edited plan file, say) that deletes a connection made by hand and one that
  // another deployment took over since.
  ws.objects()[{ResourceKind::Connection, "hand"}] = {
      {ResourceKind::Connection, "hand"}, true, {{"name", "hand"}, {"comment", "by hand"}}, "h1", "v1", {}, {}};
  ws.objects()[{ResourceKind::Connection, "c0"}].fields["comment"] = connectionComment("", "other/default");
  Plan plan;
  for (const char* name : {"c0", "hand"}) {
    PlannedAction a;
    a.key = {ResourceKind::Connection, name};
    a.action = ActionKind::Delete;
    a.owned = true;
    a.observed = ws.objects().at(a.key);
    plan.actions.push_back(std::move(a));
  }
  auto summary = applyAll(plan, ws);
  EXPECT_EQ(summary.failed, 2);
  EXPECT_EQ(ws.objects().count({ResourceKind::Connection, "hand"}), 1u);
  EXPECT_EQ(ws.objects().count({ResourceKind::Connection, "c0"}), 1u);
  ASSERT_TRUE(summary.outcomes.at(0).error.has_value());
  EXPECT_NE(summary.outcomes[0].error->summary.find("managed by deployment other/default now"), std::string::npos)
      << summary.outcomes[0].error->summary;
}

TEST(DeploymentPlanning, AnAddedTableShowsInTheManifestsTermsBeforeTheDigest) {
  InMemoryProvider ws;
  ASSERT_TRUE(applyAll(*planFor(many(1), ws), ws).ok());
  Manifest m = many(1);
  m.document["pipelines"]["p0"]["objects"].push_back({{"table", {{"source_table", "pulls"}}}});
  auto plan = planFor(m, ws);
  ASSERT_TRUE(plan.ok());
  const PlannedAction* file = nullptr;
  for (const auto& a : plan->actions)
    if (a.key.kind == ResourceKind::IngestFile) file = &a;
  ASSERT_NE(file, nullptr);
  ASSERT_EQ(file->action, ActionKind::Update);
  ASSERT_GE(file->changes.size(), 2u);
  EXPECT_EQ(file->changes[0].field, "objects[1].table.source_table");
  EXPECT_TRUE(file->changes[0].before.is_null());
  EXPECT_EQ(file->changes[0].after, "pulls");
  EXPECT_EQ(file->changes.back().field, "content_sha256");
  EXPECT_TRUE(applyAll(*plan, ws).ok());
  EXPECT_FALSE(planFor(m, ws)->hasChanges());
}

}  // namespace
}  // namespace cc::engine
