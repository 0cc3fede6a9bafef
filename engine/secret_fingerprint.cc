// The one place besides providers that unwraps a Secret: to derive its fingerprint.
#include "engine/secret_fingerprint.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <random>

namespace cc::engine {
namespace {

constexpr std::string_view kAlgorithm = "pbkdf2-sha256";

// OpenSSL 3 looks the algorithm up on every EVP_sha256() use; fetch it once (thread-safe
// static initialisation; never freed, it lives as long as the process).
const EVP_MD* sha256Method() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md != nullptr ? md : EVP_sha256();
}


std::string toHex(const unsigned char* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

std::string derive(const std::string& salt, std::string_view connectionName, std::string_view key,
                   const Secret& value, int iterations) {
  // Salt = record salt || name || NUL || key || NUL: the same value under another key or
  // connection yields an unrelated fingerprint.
  std::string fullSalt = salt;
  fullSalt.append(connectionName).push_back('\0');
  fullSalt.append(key).push_back('\0');
  const std::string& pw = value.revealForRequest();
  std::array<unsigned char, 32> out{};
  if (PKCS5_PBKDF2_HMAC(pw.data(), static_cast<int>(pw.size()),
                        reinterpret_cast<const unsigned char*>(fullSalt.data()),
                        static_cast<int>(fullSalt.size()), iterations, sha256Method(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    return {};
  }
  return toHex(out.data(), out.size());
}

}  // namespace

nlohmann::json makeFingerprintRecord(std::string_view connectionName,
                                     const std::map<std::string, Secret>& values, bool adopted,
                                     int iterations) {
  std::array<unsigned char, 16> saltBytes{};
  if (RAND_bytes(saltBytes.data(), static_cast<int>(saltBytes.size())) != 1) {
    std::random_device rd;  // OpenSSL's generator failed: fall back to the OS source
    for (auto& b : saltBytes) b = static_cast<unsigned char>(rd());
  }
  const std::string salt = toHex(saltBytes.data(), saltBytes.size());
  nlohmann::json keys = nlohmann::json::object();
  for (const auto& [key, value] : values) keys[key] = derive(salt, connectionName, key, value, iterations);
  return {{"version", 1}, {"alg", kAlgorithm},   {"iterations", iterations},
          {"salt", salt}, {"keys", std::move(keys)}, {"adopted", adopted}};
}

bool fingerprintKnown(const nlohmann::json& record, std::string_view key) {
  if (!record.is_object()) return false;
  auto keys = record.find("keys");
  return keys != record.end() && keys->is_object() && keys->contains(std::string(key));
}

bool fingerprintMatches(const nlohmann::json& record, std::string_view connectionName,
                        std::string_view key, const Secret& value) {
  if (!fingerprintKnown(record, key)) return false;
  auto alg = record.find("alg");
  auto iter = record.find("iterations");
  auto salt = record.find("salt");
  if (alg == record.end() || *alg != kAlgorithm || iter == record.end() || !iter->is_number_integer() ||
      salt == record.end() || !salt->is_string()) {
    return false;
  }
  const int iterations = iter->get<int>();
  if (iterations < 1 || iterations > 10'000'000) return false;
  const auto& stored = record["keys"][std::string(key)];
  if (!stored.is_string()) return false;
  const std::string expected = stored.get<std::string>();
  const std::string actual = derive(salt->get<std::string>(), connectionName, key, value, iterations);
  return actual.size() == expected.size() && !actual.empty() &&
         CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

}  // namespace cc::engine
