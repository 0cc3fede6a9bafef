// The planner's intents (intent.h) through the Provider interface (in memory): what the
// original tool's commands ask for one resource is what the engine plans, whatever the diff or
// the owner says.
#include <gtest/gtest.h>

#include "engine/planner.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using testing::applyAll;
using testing::InMemoryProvider;
using testing::manifestOf;
using testing::planFor;

const ResourceKey kPipeline{ResourceKind::Pipeline, "p"};
const ResourceKey kConnection{ResourceKind::Connection, "c"};

// A workspace holding connection c and pipeline p of deployment "team-a".
void applyTeamA(InMemoryProvider& ws) {
  nlohmann::json doc = {{"version", 1},
                        {"deployment", "team-a"},
                        {"connections", {{"c", {{"source", "github"}, {"options", {{"owner", "o"}}}}}}},
                        {"pipelines",
                         {{"p", {{"source", "github"}, {"connection", "c"}, {"objects", {{{"table", {{"source_table", "t"}}}}}}}}}}};
  Manifest m = manifestOf(doc);
  m.deployment.name = "team-a";
  auto plan = planFor(m, ws);
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(applyAll(*plan, ws).ok());
}

DesiredResource named(const ResourceKey& key, Intent intent, nlohmann::json fields = nlohmann::json::object()) {
  DesiredResource r;
  r.key = key;
  r.intent = intent;
  r.fields = std::move(fields);
  return r;
}

Result<Plan> planOf(std::vector<DesiredResource> resources, InMemoryProvider& ws) {
  DesiredState state;
  std::sort(resources.begin(), resources.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  state.resources = std::move(resources);
  PlanSettings settings;
  settings.model.markOwnership = false;
  return planDesiredState(std::move(state), ws, settings);
}

TEST(IntentPlanning, ObserveChangesNothingEvenWhereTheFieldsDiffer) {
  InMemoryProvider ws;
  applyTeamA(ws);
  auto plan = planOf({named(kPipeline, Intent::Observe, {{"name", "p"}, {"catalog", "elsewhere"}})}, ws);
  ASSERT_TRUE(plan.ok());
  ASSERT_NE(plan->find(kPipeline), nullptr);
  EXPECT_EQ(plan->find(kPipeline)->action, ActionKind::NoOp);
  EXPECT_TRUE(plan->find(kPipeline)->observed.exists);
  EXPECT_FALSE(plan->hasChanges());
}

TEST(IntentPlanning, DeleteDeletesAnotherDeploymentsResourceTheCallerNamed) {
  InMemoryProvider ws;
  applyTeamA(ws);
  // Converging the same key from another deployment is refused; deleting it by name is not.
  auto plan = planOf({named(kPipeline, Intent::Delete)}, ws);
  ASSERT_TRUE(plan.ok()) << plan.diagnostics().items().front().summary;
  EXPECT_EQ(plan->find(kPipeline)->action, ActionKind::Delete);
  ASSERT_TRUE(applyAll(*plan, ws).ok());
  EXPECT_EQ(ws.objects().count(kPipeline), 0u);
  auto again = planOf({named(kPipeline, Intent::Delete)}, ws);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->find(kPipeline)->action, ActionKind::NoOp);
  EXPECT_FALSE(again->find(kPipeline)->observed.exists);
}

TEST(IntentPlanning, CreateOnlyLeavesAnExistingResourceForTheCallerToReport) {
  InMemoryProvider ws;
  applyTeamA(ws);
  const nlohmann::json fields = {{"name", "c"}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"}, {"options", {{"x", "y"}}}};
  auto taken = planOf({named(kConnection, Intent::CreateOnly, fields)}, ws);
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->find(kConnection)->action, ActionKind::NoOp);
  EXPECT_TRUE(taken->find(kConnection)->observed.exists);
  const ResourceKey fresh{ResourceKind::Connection, "d"};
  auto created = planOf({named(fresh, Intent::CreateOnly, {{"name", "d"}, {"options", {{"x", "y"}}}})}, ws);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->find(fresh)->action, ActionKind::Create);
}

TEST(IntentPlanning, UpdateAlwaysUpdatesInPlaceAndNeverReplaces) {
  InMemoryProvider ws;
  applyTeamA(ws);
  // connection_type is immutable: converging would replace; the intent updates in place.
  const nlohmann::json fields = {{"name", "c"}, {"connection_type", "OTHER"}, {"options", {{"owner", "new"}}}};
  auto plan = planOf({named(kConnection, Intent::UpdateAlways, fields)}, ws);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->find(kConnection)->action, ActionKind::Update);
  const ResourceKey absent{ResourceKind::Connection, "nobody"};
  auto missing = planOf({named(absent, Intent::UpdateAlways, {{"name", "nobody"}})}, ws);
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->find(absent)->action, ActionKind::NoOp);
}

TEST(IntentPlanning, UpdateAlwaysSendsTheUpdateWhenNothingVisibleDiffers) {
  InMemoryProvider ws;
  applyTeamA(ws);
  const nlohmann::json same = ws.objects().at(kConnection).fields;
  auto plan = planOf({named(kConnection, Intent::UpdateAlways, {{"name", "c"}, {"options", same["options"]}})}, ws);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->find(kConnection)->action, ActionKind::Update);
  EXPECT_FALSE(plan->find(kConnection)->changes.empty());
  ws.resetCounts();
  ASSERT_TRUE(applyAll(*plan, ws).ok());
  EXPECT_EQ(ws.calls("update"), 1);
}

TEST(IntentPlanning, RunStartsAnUpdateWhenNothingItDependsOnChanges) {
  InMemoryProvider ws;
  applyTeamA(ws);
  DesiredResource run = named({ResourceKind::PipelineRun, "p"}, Intent::Run);
  run.dependsOn = {kPipeline};
  auto plan = planOf({named(kPipeline, Intent::Observe), run}, ws);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->find(run.key)->action, ActionKind::Run);
  DesiredResource converge = run;
  converge.intent = Intent::Converge;
  auto quiet = planOf({named(kPipeline, Intent::Observe), converge}, ws);
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(quiet->find(run.key)->action, ActionKind::NoOp);
}

TEST(IntentPlanning, ObserveResourcesAnswersInTheOrderAskedWithMissingOnes) {
  InMemoryProvider ws;
  applyTeamA(ws);
  const ResourceKey absent{ResourceKind::Pipeline, "absent"};
  ws.resetCounts();
  auto seen = observeResources(ws, {kPipeline, absent, kConnection});
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 3u);
  EXPECT_EQ((*seen)[0].key, kPipeline);
  EXPECT_TRUE((*seen)[0].exists);
  EXPECT_FALSE((*seen)[0].remoteId.empty());
  EXPECT_EQ((*seen)[1].key, absent);
  EXPECT_FALSE((*seen)[1].exists);
  EXPECT_EQ((*seen)[2].key, kConnection);
  EXPECT_TRUE((*seen)[2].exists);
  EXPECT_EQ(ws.mutatingCalls(), 0);
}

}  // namespace
}  // namespace cc::engine
