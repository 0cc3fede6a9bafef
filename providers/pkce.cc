#include "providers/pkce.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace cc::providers {

std::string base64UrlNoPadding(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

std::string randomUrlSafeString(std::size_t bytes) {
  std::string raw(bytes, '\0');
  // No fallback generator: a predictable state or verifier would defeat their purpose.
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) return {};
  return base64UrlNoPadding(raw);
}

std::string pkceChallengeS256(const std::string& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(verifier.data(), verifier.size(), digest, &length, EVP_sha256(), nullptr) != 1) return {};
  return base64UrlNoPadding(std::string(reinterpret_cast<const char*>(digest), length));
}

bool isValidPkceVerifier(const std::string& verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (const char c : verifier) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (!unreserved) return false;
  }
  return true;
}

PkcePair newPkcePair() {
  std::string verifier = randomUrlSafeString(32);
  if (verifier.empty()) return {};
  std::string challenge = pkceChallengeS256(verifier);
  return {engine::Secret(std::move(verifier), "PKCE code verifier"), std::move(challenge)};
}

}  // namespace cc::providers
