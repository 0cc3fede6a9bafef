#include "providers/pkce.h"

#include <gtest/gtest.h>

namespace cc::providers {
namespace {

// RFC 7636 appendix B: the 32 octets, the verifier they encode to, and its S256 challenge.
constexpr unsigned char kAppendixBOctets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                              125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                              191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
constexpr const char* kAppendixBVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* kAppendixBChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(Pkce, TheAppendixBOctetsEncodeToItsVerifier) {
  const std::string octets(reinterpret_cast<const char*>(kAppendixBOctets), sizeof kAppendixBOctets);
  EXPECT_EQ(base64UrlNoPadding(octets), kAppendixBVerifier);
}

TEST(Pkce, TheAppendixBVerifierGivesItsS256Challenge) {
  EXPECT_EQ(pkceChallengeS256(kAppendixBVerifier), kAppendixBChallenge);
}

TEST(Pkce, Base64UrlUsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64UrlNoPadding(std::string("\xfb\xff", 2)), "-_8");
  EXPECT_EQ(base64UrlNoPadding("a"), "YQ");
  EXPECT_EQ(base64UrlNoPadding(""), "");
}

TEST(Pkce, AFreshPairHasAValidVerifierAndItsChallenge) {
  const PkcePair pair = newPkcePair();
  const std::string& verifier = pair.verifier.revealForRequest();
  EXPECT_EQ(verifier.size(), 43u);
  EXPECT_TRUE(isValidPkceVerifier(verifier)) << "charset or length";
  EXPECT_EQ(pair.challenge, pkceChallengeS256(verifier));
  EXPECT_EQ(pair.challenge.size(), 43u);
  EXPECT_STREQ(kPkceMethodS256, "S256");
}

TEST(Pkce, TwoPairsShareNothing) {
  const PkcePair a = newPkcePair();
  const PkcePair b = newPkcePair();
  EXPECT_FALSE(a.verifier.sameValueAs(b.verifier));
  EXPECT_NE(a.challenge, b.challenge);
}

TEST(Pkce, TheVerifierNeverPrintsThroughItsSource) {
  const PkcePair pair = newPkcePair();
  EXPECT_EQ(pair.verifier.source().find(pair.verifier.revealForRequest()), std::string::npos);
}

TEST(Pkce, VerifierRulesFollowRfc7636) {
  EXPECT_TRUE(isValidPkceVerifier(kAppendixBVerifier));
  EXPECT_TRUE(isValidPkceVerifier(std::string(43, 'a')));
  EXPECT_TRUE(isValidPkceVerifier(std::string(128, '~')));
  EXPECT_TRUE(isValidPkceVerifier(std::string(40, 'A') + "-._"));
  EXPECT_FALSE(isValidPkceVerifier(std::string(42, 'a')));
  EXPECT_FALSE(isValidPkceVerifier(std::string(129, 'a')));
  EXPECT_FALSE(isValidPkceVerifier(std::string(42, 'a') + "+"));
  EXPECT_FALSE(isValidPkceVerifier(std::string(42, 'a') + "="));
}

TEST(Pkce, RandomStringsAreUrlSafeAndDistinct) {
  const std::string a = randomUrlSafeString(32);
  const std::string b = randomUrlSafeString(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_TRUE(isValidPkceVerifier(a));
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace cc::providers
