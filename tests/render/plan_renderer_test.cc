#include "render/plan_renderer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/golden_file.h"

namespace cc::render {
namespace {

using engine::ActionKind;
using engine::FieldChange;
using engine::PlannedAction;
using engine::ResourceKind;
using nlohmann::json;

PlannedAction action(ResourceKind kind, std::string name, ActionKind a, std::vector<FieldChange> changes,
                     std::vector<std::string> notes = {}) {
  PlannedAction p;
  p.key = {kind, std::move(name)};
  p.action = a;
  p.changes = std::move(changes);
  p.notes = std::move(notes);
  return p;
}

engine::Plan samplePlan() {
  engine::Plan plan;
  plan.actions = {
      action(ResourceKind::Connection, "gh", ActionKind::Create,
             {{"comment", nullptr, "managed by community-connector", false, false, {}},
              {"options.token", nullptr, nullptr, true, false, {}}}),
      action(ResourceKind::Connection, "legacy", ActionKind::NoOp, {},
             {"exists but is not managed by community-connector (no ownership marker); run with --adopt to manage it"}),
      action(ResourceKind::Connection, "stripe", ActionKind::Update, {{"options.api_key", nullptr, nullptr, true, false, {}}}),
      action(ResourceKind::Repo, "/Users/a/.lakeflow_community_connectors/old", ActionKind::Delete, {}),
      action(ResourceKind::Pipeline, "gh_ingest", ActionKind::Update, {{"development", true, false, false, false, {}}}),
      action(ResourceKind::Pipeline, "moved", ActionKind::Replace,
             {{"catalog", "main", "prod", false, true, "a pipeline cannot move to another catalog; it is recreated"}},
             {"replaced because catalog changed: a pipeline cannot move to another catalog; it is recreated",
              "warning: replacing pipeline moved deletes it and drops the tables it published"}),
      action(ResourceKind::PipelineRun, "gh_ingest", ActionKind::Run, {}),
  };
  return plan;
}

std::string golden(const std::string& name, const std::string& actual) {
  return test_support::golden("plan_renderer/" + name, actual);
}

TEST(PlanRenderer, TextGolden) {
  std::ostringstream out;
  renderPlanText(samplePlan(), out, false);
  EXPECT_EQ(out.str(), golden("plan.txt", out.str()));
  EXPECT_NE(out.str().find("Plan: 1 to create, 2 to update, 1 to replace, 1 to delete, 1 unchanged, 1 to run"), std::string::npos);
  EXPECT_NE(out.str().find("options.token: (sensitive)\n"), std::string::npos);
  EXPECT_NE(out.str().find("options.api_key: (sensitive, changed)"), std::string::npos);
  EXPECT_NE(out.str().find("development: true → false"), std::string::npos);
}

TEST(PlanRenderer, TextColourOnlyWhenAsked) {
  std::ostringstream plain, coloured;
  renderPlanText(samplePlan(), plain, false);
  renderPlanText(samplePlan(), coloured, true);
  EXPECT_EQ(plain.str().find('\033'), std::string::npos);
  EXPECT_NE(coloured.str().find("\033[32m"), std::string::npos);
}

TEST(PlanRenderer, NoChanges) {
  engine::Plan plan;
  plan.actions = {action(ResourceKind::Connection, "gh", ActionKind::NoOp, {})};
  std::ostringstream out;
  renderPlanText(plan, out, false);
  EXPECT_EQ(out.str(), "No changes. The workspace matches the manifest.\n\nPlan: 0 to create, 0 to update, 0 to replace, "
                       "0 to delete, 1 unchanged\n");
}

TEST(PlanRenderer, FieldsCarryTheManifestsNames) {
  const engine::FieldChange target{"target", "raw", "bronze", false, false, {}};
  EXPECT_EQ(formatChange(target, ActionKind::Update, ResourceKind::Pipeline), "schema: \"raw\" → \"bronze\"");
  EXPECT_EQ(formatChange(target, ActionKind::Update, ResourceKind::Repo), "target: \"raw\" → \"bronze\"");
}

TEST(PlanRenderer, NoChangesIsNotSaidWhileTheDeploymentHasResourcesOutsideTheManifest) {
  engine::Plan plan;
  plan.deployment.name = "team_a";
  plan.orphans = {{ResourceKind::Pipeline, "old"}};
  std::ostringstream out;
  renderPlanText(plan, out, false);
  EXPECT_EQ(out.str().rfind("No changes to the manifest's resources, but 1 resource of deployment team_a/default is no "
                            "longer in the manifest; `--prune` deletes it: pipeline.old\n", 0), 0u) << out.str();
}

TEST(PlanRenderer, JsonGoldenHasVersionAndNoSensitiveValues) {
  std::ostringstream out;
  renderPlanJson(samplePlan(), out);
  EXPECT_EQ(out.str(), golden("plan.json", out.str()));
  json doc = json::parse(out.str());
  EXPECT_EQ(doc["format_version"], kPlanJsonFormatVersion);
  EXPECT_EQ(doc["summary"]["replace"], 1);
  const json& token = doc["actions"][0]["changes"][1];
  EXPECT_EQ(token["sensitive"], true);
  EXPECT_FALSE(token.contains("after"));
}

TEST(PlanRenderer, MarkdownGolden) {
  std::ostringstream out;
  renderPlanMarkdown(samplePlan(), out);
  EXPECT_EQ(out.str(), golden("plan.md", out.str()));
}

TEST(PlanRenderer, MarkdownCollapsesToFitTheLimit) {
  engine::Plan plan;
  for (int i = 0; i < 3000; ++i) {
    plan.actions.push_back(action(ResourceKind::Pipeline, "pipeline_" + std::to_string(100000 + i), ActionKind::Create,
                                  {{"catalog", nullptr, "main", false, false, {}}, {"target", nullptr, "raw", false, false, {}}}));
  }
  std::ostringstream full;
  renderPlanMarkdown(plan, full, SIZE_MAX);
  ASSERT_GT(full.str().size(), kMarkdownLimit);
  std::ostringstream out;
  renderPlanMarkdown(plan, out);
  EXPECT_LE(out.str().size(), kMarkdownLimit);
  EXPECT_NE(out.str().find("Plan: 3000 to create"), std::string::npos);
  EXPECT_NE(out.str().find("more changes"), std::string::npos);
}

// The coloured text plan as a golden file, and JSON and Markdown free of ANSI escapes when
// colour is on (CI comments, plan files).
engine::Plan colourPlan() {
  engine::Plan p;
  p.actions = {
      action(ResourceKind::Connection, "gh", ActionKind::Create,
             {{"options.token", nullptr, nullptr, true, false, {}}}),
      action(ResourceKind::Pipeline, "gh_ingest", ActionKind::Update, {{"development", true, false, false, false, {}}}),
      action(ResourceKind::Pipeline, "moved", ActionKind::Replace,
             {{"catalog", "main", "prod", false, true, "a pipeline cannot move to another catalog; it is recreated"}}),
      action(ResourceKind::Repo, "/Users/a/.lakeflow_community_connectors/old", ActionKind::Delete, {}),
  };
  return p;
}

TEST(PlanRenderingGolden, ColouredTextGolden) {
  std::ostringstream out;
  renderPlan(colourPlan(), PlanFormat::Text, out, true);
  EXPECT_EQ(out.str(), golden("plan_colour.txt", out.str()));
  EXPECT_NE(out.str().find("\033["), std::string::npos);
}

TEST(PlanRenderingGolden, ColourStripsToThePlainText) {
  std::ostringstream plain, coloured;
  renderPlan(colourPlan(), PlanFormat::Text, plain, false);
  renderPlan(colourPlan(), PlanFormat::Text, coloured, true);
  std::string stripped;
  const std::string& c = coloured.str();
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] == '\033') {
      while (i < c.size() && c[i] != 'm') ++i;
      continue;
    }
    stripped += c[i];
  }
  EXPECT_EQ(stripped, plain.str());
}

TEST(PlanRenderingGolden, JsonAndMarkdownNeverCarryEscapes) {
  for (PlanFormat format : {PlanFormat::Json, PlanFormat::Markdown}) {
    std::ostringstream plain, coloured;
    renderPlan(colourPlan(), format, plain, false);
    renderPlan(colourPlan(), format, coloured, true);
    EXPECT_EQ(coloured.str().find('\033'), std::string::npos);
    EXPECT_EQ(coloured.str(), plain.str());
  }
}

}  // namespace
}  // namespace cc::render
