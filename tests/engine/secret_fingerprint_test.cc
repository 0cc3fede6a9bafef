#include "engine/secret_fingerprint.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

const FingerprintKey kKey = newFingerprintKey();

TEST(SecretFingerprint, MatchesOnlyTheSameValueKeyAndConnection) {
  auto record = makeFingerprintRecord("gh", {{"token", Secret("ghp_abc", "")}}, false, kKey);
  EXPECT_TRUE(fingerprintMatches(record, kKey, "gh", "token", Secret("ghp_abc", "")));
  EXPECT_FALSE(fingerprintMatches(record, kKey, "gh", "token", Secret("ghp_abd", "")));
  EXPECT_FALSE(fingerprintMatches(record, kKey, "other", "token", Secret("ghp_abc", "")));
  EXPECT_FALSE(fingerprintMatches(record, kKey, "gh", "password", Secret("ghp_abc", "")));
  EXPECT_EQ(record.dump().find("ghp_abc"), std::string::npos);
}

TEST(SecretFingerprint, FreshSaltEachTime) {
  auto a = makeFingerprintRecord("gh", {{"token", Secret("v", "")}}, false, kKey);
  auto b = makeFingerprintRecord("gh", {{"token", Secret("v", "")}}, false, kKey);
  EXPECT_NE(a["salt"], b["salt"]);
  EXPECT_NE(a["keys"]["token"], b["keys"]["token"]);
}

TEST(SecretFingerprint, DamagedRecordNeverMatches) {
  auto record = makeFingerprintRecord("gh", {{"token", Secret("v", "")}}, false, kKey);
  record["alg"] = "md5";
  EXPECT_FALSE(fingerprintMatches(record, kKey, "gh", "token", Secret("v", "")));
  auto legacy = makeLegacyFingerprintRecord("gh", {{"token", Secret("v", "")}}, false);
  legacy["iterations"] = "many";
  EXPECT_FALSE(fingerprintMatches(legacy, kKey, "gh", "token", Secret("v", "")));
  EXPECT_FALSE(fingerprintMatches(nlohmann::json::array(), kKey, "gh", "token", Secret("v", "")));
}

TEST(SecretFingerprint, UselessWithoutTheKey) {
  // Someone with the record but not the key cannot test guesses: every guess fails, the right
  // one included.
  auto record = makeFingerprintRecord("gh", {{"password", Secret("hunter2", "")}}, false, kKey);
  EXPECT_EQ(record["alg"], "hmac-sha256");
  EXPECT_EQ(record.find("iterations"), record.end());
  EXPECT_FALSE(fingerprintMatches(record, FingerprintKey(), "gh", "password", Secret("hunter2", "")));
  EXPECT_FALSE(fingerprintMatches(record, newFingerprintKey(), "gh", "password", Secret("hunter2", "")));
  EXPECT_TRUE(fingerprintMatches(record, kKey, "gh", "password", Secret("hunter2", "")));
}

TEST(SecretFingerprint, RecordsOfEarlierVersionsStillVerify) {
  auto legacy = makeLegacyFingerprintRecord("gh", {{"token", Secret("v", "")}}, false);
  EXPECT_EQ(legacy["alg"], "pbkdf2-sha256");
  EXPECT_TRUE(fingerprintMatches(legacy, kKey, "gh", "token", Secret("v", "")));
  EXPECT_TRUE(fingerprintMatches(legacy, FingerprintKey(), "gh", "token", Secret("v", "")));
  EXPECT_FALSE(fingerprintMatches(legacy, kKey, "gh", "token", Secret("w", "")));
}

TEST(SecretFingerprint, KeysRoundTripThroughHex) {
  const FingerprintKey key = newFingerprintKey();
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(fingerprintKeyFromHex(fingerprintKeyHex(key)), std::optional<FingerprintKey>(key));
  EXPECT_EQ(fingerprintKeyFromHex("zz"), std::nullopt);
  EXPECT_EQ(fingerprintKeyFromHex(std::string(64, 'g')), std::nullopt);
}

}  // namespace
}  // namespace cc::engine
