#include "engine/differ.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

TEST(Differ, ConnectionNamesCompareAsUnityCatalogComparesThem) {
  DesiredResource d;
  d.key = {ResourceKind::Connection, "Case_Conn"};
  d.fields = {{"name", "Case_Conn"}};
  ObservedResource o{d.key, true, {{"name", "case_conn"}}, "1", "v", {}, {}};
  EXPECT_EQ(diffResource(d, o).action, ActionKind::NoOp) << "the API stores the name in lower case";
  o.fields["name"] = "other_conn";
  EXPECT_EQ(diffResource(d, o).action, ActionKind::Update);
  // Elsewhere case still matters: a repo path is case-sensitive.
  DesiredResource r;
  r.key = {ResourceKind::Repo, "/r"};
  r.fields = {{"branch", "Main"}};
  ObservedResource ro{r.key, true, {{"branch", "main"}}, "1", "v", {}, {}};
  EXPECT_EQ(diffResource(r, ro).action, ActionKind::Update);
}

TEST(Differ, ComparesOnlyDesiredFieldsAndHonoursRules) {
  DesiredResource d;
  d.key = {ResourceKind::Repo, "/r"};
  d.fields = {{"url", "https://a"}, {"branch", "main"}, {"head_commit_id", "x"}};
  ObservedResource o{d.key, true, {{"url", "https://a"}, {"branch", "dev"}, {"head_commit_id", "y"}, {"extra", 1}}, "1", "v", {}, {}};
  auto r = diffResource(d, o);
  EXPECT_EQ(r.action, ActionKind::Update);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].field, "branch");
  o.fields["url"] = "https://b";
  r = diffResource(d, o);
  EXPECT_EQ(r.action, ActionKind::Replace);
  o.exists = false;
  EXPECT_EQ(diffResource(d, o).action, ActionKind::Create);
}

}  // namespace
}  // namespace cc::engine
