#include "engine/plan_file.h"

#include <gtest/gtest.h>

#include "engine/content_digest.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using testing::githubManifest;
using testing::InMemoryProvider;
using testing::manifestOf;

TEST(PlanFile, RoundTripKeepsActionsAndBindsSecretsFromTheManifest) {
  InMemoryProvider ws;
  const Manifest m = githubManifest("ghp_plaintext_value");
  auto plan = testing::planFor(m, ws);
  ASSERT_TRUE(plan.ok());
  const std::string text = writePlanFile(*plan);
  EXPECT_EQ(text.find("ghp_plaintext_value"), std::string::npos);
  auto back = readPlanFile(text, m);
  ASSERT_TRUE(back.ok()) << back.diagnostics().items()[0].summary;
  ASSERT_EQ(back->actions.size(), plan->actions.size());
  for (std::size_t i = 0; i < plan->actions.size(); ++i) {
    EXPECT_EQ(back->actions[i].key, plan->actions[i].key);
    EXPECT_EQ(back->actions[i].action, plan->actions[i].action);
    EXPECT_EQ(back->actions[i].desired.fields, plan->actions[i].desired.fields);
    EXPECT_EQ(back->actions[i].dependsOn, plan->actions[i].dependsOn);
  }
  // Applying the read-back plan sends the manifest's secret.
  EXPECT_TRUE(testing::applyAll(*back, ws).ok());
  EXPECT_EQ(ws.receivedSecrets({ResourceKind::Connection, "gh"}).at("options.token"), "ghp_plaintext_value");
}

TEST(PlanFile, ObservedVersionsAreRecorded) {
  InMemoryProvider ws;
  const Manifest m = githubManifest("a");
  testing::applyAll(*testing::planFor(m, ws), ws);
  auto plan = testing::planFor(githubManifest("b"), ws);
  auto j = nlohmann::json::parse(writePlanFile(*plan));
  for (const auto& a : j["plan"]["actions"]) {
    EXPECT_TRUE(a["observed"]["exists"].get<bool>());
    EXPECT_FALSE(a["observed"]["version"].get<std::string>().empty());
  }
}

TEST(PlanFile, RejectsTamperedTruncatedWrongVersionAndOtherManifest) {
  InMemoryProvider ws;
  const Manifest m = githubManifest("a");
  const std::string text = writePlanFile(*testing::planFor(m, ws));

  auto truncated = readPlanFile(text.substr(0, text.size() / 2), m);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.diagnostics().items()[0].summary.find("not valid JSON"), std::string::npos);

  auto j = nlohmann::json::parse(text);
  j["plan"]["actions"][0]["action"] = "no-op";
  auto tampered = readPlanFile(j.dump(), m);
  ASSERT_FALSE(tampered.ok());
  EXPECT_NE(tampered.diagnostics().items()[0].summary.find("checksum"), std::string::npos);

  j = nlohmann::json::parse(text);
  j["format_version"] = 99;
  auto version = readPlanFile(j.dump(), m);
  ASSERT_FALSE(version.ok());
  EXPECT_NE(version.diagnostics().items()[0].summary.find("format_version 99"), std::string::npos);

  auto doc = testing::githubDocument();
  doc["pipelines"]["gh_ingest"]["catalog"] = "x";
  auto other = readPlanFile(text, manifestOf(doc, {{"/connections/gh/options/token", "a"}}));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.diagnostics().items()[0].summary.find("changed since the plan was made"), std::string::npos);

  auto garbage = readPlanFile("[1,2,3]", m);
  EXPECT_FALSE(garbage.ok());
}

TEST(PlanFile, MalformedButChecksummedContentIsAnErrorNotACrash) {
  InMemoryProvider ws;
  const Manifest m = githubManifest("a");
  auto j = nlohmann::json::parse(writePlanFile(*testing::planFor(m, ws)));
  j["plan"]["actions"][0].erase("key");
  j["checksum"] = sha256Hex(j["plan"].dump());
  auto bad = readPlanFile(j.dump(), m);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics().items()[0].summary.find("malformed"), std::string::npos);
}

}  // namespace
}  // namespace cc::engine
