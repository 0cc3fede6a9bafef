#include "engine/secret_fingerprint.h"

#include <gtest/gtest.h>

#include "engine/differ.h"

namespace cc::engine {
namespace {

TEST(SecretFingerprint, MatchesOnlyTheSameValueKeyAndConnection) {
  auto record = makeFingerprintRecord("gh", {{"token", Secret("ghp_abc", "")}}, false);
  EXPECT_TRUE(fingerprintMatches(record, "gh", "token", Secret("ghp_abc", "")));
  EXPECT_FALSE(fingerprintMatches(record, "gh", "token", Secret("ghp_abd", "")));
  EXPECT_FALSE(fingerprintMatches(record, "other", "token", Secret("ghp_abc", "")));
  EXPECT_FALSE(fingerprintMatches(record, "gh", "password", Secret("ghp_abc", "")));
  EXPECT_EQ(record.dump().find("ghp_abc"), std::string::npos);
}

TEST(SecretFingerprint, FreshSaltEachTime) {
  auto a = makeFingerprintRecord("gh", {{"token", Secret("v", "")}}, false);
  auto b = makeFingerprintRecord("gh", {{"token", Secret("v", "")}}, false);
  EXPECT_NE(a["salt"], b["salt"]);
  EXPECT_NE(a["keys"]["token"], b["keys"]["token"]);
}

TEST(SecretFingerprint, DamagedRecordNeverMatches) {
  auto record = makeFingerprintRecord("gh", {{"token", Secret("v", "")}}, false);
  record["iterations"] = "many";
  EXPECT_FALSE(fingerprintMatches(record, "gh", "token", Secret("v", "")));
  EXPECT_FALSE(fingerprintMatches(nlohmann::json::array(), "gh", "token", Secret("v", "")));
}

TEST(Differ, ComparesOnlyDesiredFieldsAndHonoursRules) {
  DesiredResource d;
  d.key = {ResourceKind::Repo, "/r"};
  d.fields = {{"url", "https://a"}, {"branch", "main"}, {"head_commit_id", "x"}};
  ObservedResource o{d.key, true, {{"url", "https://a"}, {"branch", "dev"}, {"head_commit_id", "y"}, {"extra", 1}}, "1", "v", {}};
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
