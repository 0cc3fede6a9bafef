#pragma once
// PKCE (RFC 7636) for the OAuth authorization-code flow: a random code verifier and its S256
// challenge, plus the url-safe random strings the flow also needs (its `state`).

#include <cstddef>
#include <string>

#include "engine/secret.h"

namespace cc::providers {

/// The only challenge method we send: `plain` would reveal the verifier in the browser's URL.
inline constexpr const char* kPkceMethodS256 = "S256";

/// A verifier (kept secret until Unity Catalog redeems the code) and the challenge derived
/// from it (public: it travels in the authorization URL).
struct PkcePair {
  engine::Secret verifier;
  std::string challenge;
};

/// BASE64URL without '=' padding (RFC 7636 appendix A).
std::string base64UrlNoPadding(const std::string& bytes);

/// `bytes` octets from OpenSSL's CSPRNG, base64url-encoded: only [A-Za-z0-9-_], so the text
/// needs no escaping in a URL. Empty when the generator fails (the caller reports it).
std::string randomUrlSafeString(std::size_t bytes);

/// BASE64URL(SHA256(verifier)), the S256 challenge.
std::string pkceChallengeS256(const std::string& verifier);

/// True when `verifier` is 43 to 128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~".
bool isValidPkceVerifier(const std::string& verifier);

/// A fresh pair: 32 random octets give a 43-character verifier, the length RFC 7636 recommends.
/// The verifier is empty when the generator fails.
PkcePair newPkcePair();

}  // namespace cc::providers
