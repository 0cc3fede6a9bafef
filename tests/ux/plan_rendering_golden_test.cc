// What tests/render/plan_renderer_test.cc leaves open: the coloured text plan as a golden file,
// and JSON/Markdown staying free of ANSI escapes when colour is on (CI comments, plan files).
#include <gtest/gtest.h>

#include <sstream>

#include "render/plan_renderer.h"
#include "support/golden_file.h"

namespace cc::cli {
namespace {

using engine::ActionKind;
using engine::PlannedAction;
using engine::ResourceKind;

PlannedAction action(ResourceKind kind, std::string name, ActionKind a, std::vector<engine::FieldChange> changes,
                     std::vector<std::string> notes = {}) {
  PlannedAction p;
  p.key = {kind, std::move(name)};
  p.action = a;
  p.changes = std::move(changes);
  p.notes = std::move(notes);
  return p;
}

engine::Plan plan() {
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

std::string golden(const std::string& name, const std::string& actual) {
  return test_support::golden("ux/" + name, actual);
}

TEST(PlanRenderingGolden, ColouredTextGolden) {
  std::ostringstream out;
  render::renderPlan(plan(), render::PlanFormat::Text, out, true);
  EXPECT_EQ(out.str(), golden("plan_colour.txt", out.str()));
  EXPECT_NE(out.str().find("\033["), std::string::npos);
}

TEST(PlanRenderingGolden, ColourStripsToThePlainText) {
  std::ostringstream plain, coloured;
  render::renderPlan(plan(), render::PlanFormat::Text, plain, false);
  render::renderPlan(plan(), render::PlanFormat::Text, coloured, true);
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
  for (render::PlanFormat format : {render::PlanFormat::Json, render::PlanFormat::Markdown}) {
    std::ostringstream plain, coloured;
    render::renderPlan(plan(), format, plain, false);
    render::renderPlan(plan(), format, coloured, true);
    EXPECT_EQ(coloured.str().find('\033'), std::string::npos);
    EXPECT_EQ(coloured.str(), plain.str());
  }
}

}  // namespace
}  // namespace cc::cli
