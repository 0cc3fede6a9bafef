// Values from sensitive sources that land outside connection options: masked in every output
// and in plan files, refilled from the manifest when a saved plan is applied.
#include "engine/sensitive_values.h"

#include <gtest/gtest.h>

#include "engine/plan_file.h"
#include "engine/plan_redaction.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

TEST(SensitiveValues, AStringHoldingAValueIsMaskedWhole) {
  const SensitiveValues s({"tok_12345", "ab", "tok_12345"});
  EXPECT_EQ(s.values().size(), 2u);
  EXPECT_TRUE(s.holdsAny("c tok_12345 d"));
  EXPECT_TRUE(s.holdsAny("ab"));
  EXPECT_FALSE(s.holdsAny("abc")) << "a short value counts only as the whole string";
  std::vector<std::string> pointers;
  const nlohmann::json masked = s.masked({{"comment", "c tok_12345"}, {"tags", {{"a", "ab"}, {"b", "keep"}}}, {"n", 3}},
                                         &pointers, "/fields");
  EXPECT_EQ(masked["comment"], "(sensitive)");
  EXPECT_EQ(masked["tags"]["a"], "(sensitive)");
  EXPECT_EQ(masked["tags"]["b"], "keep");
  EXPECT_EQ(masked["n"], 3);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/fields/comment", "/fields/tags/a"}));
  EXPECT_EQ(s.maskedText("tok_12345 lands in /x"), "(sensitive) lands in /x");
}

Manifest leakyManifest(const std::string& value) {
  nlohmann::json doc = testing::githubDocument();
  doc["connections"]["gh"]["comment"] = "owner " + value;
  Manifest m = testing::manifestOf(doc, {{"/connections/gh/options/token", "ghp_x"}});
  m.sensitiveValues = {value};
  return m;
}

TEST(SensitiveValues, APlanShowsThemNowhereAndItsFileRefillsThemFromTheManifest) {
  testing::InMemoryProvider ws;
  const Manifest m = leakyManifest("s3cret_in_comment");
  auto plan = testing::planFor(m, ws);
  ASSERT_TRUE(plan.ok());
  const Plan shown = redactedPlan(*plan);
  for (const auto& a : shown.actions) {
    for (const auto& c : a.changes) EXPECT_EQ(c.after.dump().find("s3cret"), std::string::npos) << c.field;
    EXPECT_EQ(a.desired.fields.dump().find("s3cret"), std::string::npos);
  }
  const std::string text = writePlanFile(*plan);
  EXPECT_EQ(text.find("s3cret_in_comment"), std::string::npos);

  auto back = readPlanFile(text, m);
  ASSERT_TRUE(back.ok()) << back.diagnostics().items()[0].summary;
  ASSERT_TRUE(hasMaskedValues(*back));
  auto model = buildModel(m, back->context, testing::bundled());
  ASSERT_TRUE(model.ok());
  ASSERT_TRUE(restoreMaskedValues(*back, *model).ok());
  EXPECT_FALSE(hasMaskedValues(*back));
  for (std::size_t i = 0; i < plan->actions.size(); ++i)
    EXPECT_EQ(back->actions[i].desired.fields, plan->actions[i].desired.fields) << plan->actions[i].key.address();
  EXPECT_TRUE(testing::applyAll(*back, ws).ok());
}

TEST(SensitiveValues, AMaskedValueTheManifestNoLongerHasIsRefused) {
  testing::InMemoryProvider ws;
  const Manifest m = leakyManifest("s3cret_in_comment");
  auto back = readPlanFile(writePlanFile(*testing::planFor(m, ws)), m);
  ASSERT_TRUE(back.ok());
  DesiredState empty;
  auto restored = restoreMaskedValues(*back, empty);
  ASSERT_FALSE(restored.ok());
  EXPECT_NE(restored.diagnostics().items()[0].summary.find("no longer"), std::string::npos);
}

}  // namespace
}  // namespace cc::engine
