#include "emulator/digest.h"

#include <openssl/evp.h>

namespace cc::emulator {
namespace {

std::string hexDigest(std::string_view bytes, const EVP_MD* algorithm) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, algorithm, nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace

std::string sha1Hex(std::string_view bytes) { return hexDigest(bytes, EVP_sha1()); }
std::string sha256Hex(std::string_view bytes) { return hexDigest(bytes, EVP_sha256()); }

}  // namespace cc::emulator
