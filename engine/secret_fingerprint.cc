// The one place besides providers that unwraps a Secret: to derive its fingerprint.
#include "engine/secret_fingerprint.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cstdlib>
#include <random>

namespace cc::engine {
namespace {

constexpr std::string_view kHmac = "hmac-sha256";
constexpr std::string_view kLegacy = "pbkdf2-sha256";

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

std::string randomBytes(std::size_t n) {
  std::string out(n, '\0');
  auto* data = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(data, static_cast<int>(n)) != 1) {
    std::random_device rd;  // OpenSSL's generator failed: fall back to the OS source
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<unsigned char>(rd());
  }
  return out;
}

// salt || name || NUL || option key || NUL: the same value under another key or connection
// yields an unrelated fingerprint.
std::string saltedContext(const std::string& salt, std::string_view connectionName, std::string_view optionKey) {
  std::string s = salt;
  s.append(connectionName).push_back('\0');
  s.append(optionKey).push_back('\0');
  return s;
}

std::string hmacFingerprint(const FingerprintKey& key, const std::string& salt, std::string_view connectionName,
                            std::string_view optionKey, const Secret& value) {
  const std::string message = saltedContext(salt, connectionName, optionKey) + value.revealForRequest();
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (HMAC(sha256Method(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
           message.size(), out.data(), &length) == nullptr) {
    return {};
  }
  return toHex(out.data(), length);
}

std::string legacyFingerprint(const std::string& salt, std::string_view connectionName, std::string_view optionKey,
                              const Secret& value, int iterations) {
  const std::string fullSalt = saltedContext(salt, connectionName, optionKey);
  const std::string& pw = value.revealForRequest();
  std::array<unsigned char, 32> out{};
  if (PKCS5_PBKDF2_HMAC(pw.data(), static_cast<int>(pw.size()), reinterpret_cast<const unsigned char*>(fullSalt.data()),
                        static_cast<int>(fullSalt.size()), iterations, sha256Method(), static_cast<int>(out.size()),
                        out.data()) != 1) {
    return {};
  }
  return toHex(out.data(), out.size());
}

std::string freshSalt() {
  const std::string bytes = randomBytes(16);
  return toHex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

bool sameHex(const std::string& actual, const std::string& expected) {
  return !actual.empty() && actual.size() == expected.size() &&
         CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

}  // namespace

FingerprintKey newFingerprintKey() { return randomBytes(32); }

std::optional<FingerprintKey> fingerprintKeyFromEnvironment() {
  const char* text = std::getenv("COMMUNITY_CONNECTOR_FINGERPRINT_KEY");
  if (text == nullptr || *text == '\0') return std::nullopt;
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (EVP_Digest(text, std::char_traits<char>::length(text), out.data(), &length, sha256Method(), nullptr) != 1)
    return std::nullopt;
  return FingerprintKey(reinterpret_cast<const char*>(out.data()), length);
}

std::string fingerprintKeyHex(const FingerprintKey& key) {
  return toHex(reinterpret_cast<const unsigned char*>(key.data()), key.size());
}

std::optional<FingerprintKey> fingerprintKeyFromHex(std::string_view hex) {
  if (hex.size() < 32 || hex.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  FingerprintKey key;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    key.push_back(static_cast<char>(hi * 16 + lo));
  }
  return key;
}

nlohmann::json makeFingerprintRecord(std::string_view connectionName, const std::map<std::string, Secret>& values,
                                     bool adopted, const FingerprintKey& key) {
  const std::string salt = freshSalt();
  nlohmann::json keys = nlohmann::json::object();
  for (const auto& [optionKey, value] : values)
    keys[optionKey] = hmacFingerprint(key, salt, connectionName, optionKey, value);
  return {{"version", 2}, {"alg", kHmac}, {"salt", salt}, {"keys", std::move(keys)}, {"adopted", adopted}};
}

nlohmann::json makeLegacyFingerprintRecord(std::string_view connectionName,
                                           const std::map<std::string, Secret>& values, bool adopted, int iterations) {
  const std::string salt = freshSalt();
  nlohmann::json keys = nlohmann::json::object();
  for (const auto& [optionKey, value] : values)
    keys[optionKey] = legacyFingerprint(salt, connectionName, optionKey, value, iterations);
  return {{"version", 1}, {"alg", kLegacy},   {"iterations", iterations},
          {"salt", salt}, {"keys", std::move(keys)}, {"adopted", adopted}};
}

bool fingerprintKnown(const nlohmann::json& record, std::string_view key) {
  if (!record.is_object()) return false;
  auto keys = record.find("keys");
  return keys != record.end() && keys->is_object() && keys->contains(std::string(key));
}

bool fingerprintMatches(const nlohmann::json& record, const FingerprintKey& key, std::string_view connectionName,
                        std::string_view optionKey, const Secret& value) {
  if (!fingerprintKnown(record, optionKey)) return false;
  auto alg = record.find("alg");
  auto salt = record.find("salt");
  if (alg == record.end() || salt == record.end() || !salt->is_string()) return false;
  const auto& stored = record["keys"][std::string(optionKey)];
  if (!stored.is_string()) return false;
  if (*alg == kHmac) {
    if (key.empty()) return false;
    return sameHex(hmacFingerprint(key, salt->get<std::string>(), connectionName, optionKey, value),
                   stored.get<std::string>());
  }
  auto iter = record.find("iterations");
  if (*alg != kLegacy || iter == record.end() || !iter->is_number_integer()) return false;
  const int iterations = iter->get<int>();
  if (iterations < 1 || iterations > 10'000'000) return false;
  return sameHex(legacyFingerprint(salt->get<std::string>(), connectionName, optionKey, value, iterations),
                 stored.get<std::string>());
}

}  // namespace cc::engine
