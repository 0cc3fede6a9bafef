#include "engine/credential_names.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "engine/ascii_case.h"

namespace cc::engine {
namespace {

bool isLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool isUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char lowerChar(char c) { return lowerAsciiChar(c); }

std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string word;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!isAlnum(c)) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
      continue;
    }
    // camelCase: a capital after a lower-case letter starts a word ("privateKey").
    if (isUpper(c) && i > 0 && isLower(name[i - 1]) && !word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
    word += lowerChar(c);
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// A last word that names something about a credential rather than the credential itself.
const std::set<std::string, std::less<>> kNotTheSecret = {
    "url", "uri", "endpoint", "host", "hostname", "path", "file", "dir", "type", "mode", "method", "flow",
    "scheme", "algorithm", "alg", "name", "id", "ids", "format", "version", "scope", "scopes", "expiry",
    "expires", "ttl", "length", "size", "count", "enabled", "location", "region"};

// Words that are (or hold) a credential.
const std::set<std::string, std::less<>> kSecretWords = {
    "password", "passwd", "passphrase", "pass", "pwd", "secret", "secrets", "token", "tokens", "key",
    "apikey", "privatekey", "credential", "credentials", "creds", "auth", "authorization", "bearer", "pat",
    "cookie", "cookies", "dsn", "jwt", "pem", "pfx", "p12", "keyfile", "sas", "passcode", "pin"};

// Fragments of the joined name that mark a credential however the words fall.
const char* const kSecretFragments[] = {"password", "passphrase", "passwd", "secret", "token", "credential",
                                        "apikey", "privatekey", "accesskey", "connectionstring", "authorization",
                                        "cookie", "keyfile", "serviceaccountjson"};

// "key" after these is a data key, not a key to anything.
const std::set<std::string, std::less<>> kDataKeyQualifiers = {
    "primary", "sort", "partition", "foreign", "cluster", "clustering", "row", "shard", "range", "hash",
    "join", "lookup", "natural", "surrogate", "unique", "composite", "dedup", "dedupe", "merge",
    "business", "idempotency", "cursor", "incremental", "sequence", "order"};

}  // namespace

bool isCredentialName(std::string_view name) {
  const std::vector<std::string> w = words(name);
  if (w.empty() || kNotTheSecret.count(w.back()) > 0) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (!kSecretWords.count(w[i])) continue;
    const bool dataKey = w[i] == "key" && i > 0 && kDataKeyQualifiers.count(w[i - 1]) > 0;
    if (!dataKey) return true;
  }
  std::string joined;
  for (const auto& word : w) joined += word;
  return std::any_of(std::begin(kSecretFragments), std::end(kSecretFragments),
                     [&](const char* f) { return joined.find(f) != std::string::npos; });
}

namespace {

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool allOf(std::string_view s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [pred](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

bool looksLikeCredentialValue(std::string_view v) {
  static const char* const kPrefixes[] = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
                                          "xoxb-", "xoxp-", "xoxa-", "xoxs-", "sk_live_", "sk_test_", "rk_live_",
                                          "sk-", "-----BEGIN ", "Bearer ", "bearer ", "Basic "};
  for (const char* p : kPrefixes)
    if (startsWith(v, p) && v.size() > std::string_view(p).size() + 8) return true;
  // AWS access key ids, Databricks tokens, Google API keys.
  if ((startsWith(v, "AKIA") || startsWith(v, "ASIA")) && v.size() == 20 && allOf(v.substr(4), std::isalnum)) return true;
  if (startsWith(v, "dapi") && v.size() >= 36 && allOf(v.substr(4, 32), std::isxdigit)) return true;
  if (startsWith(v, "AIza") && v.size() == 39) return true;
  // A JWT: three base64url parts, the first a JSON header ("eyJ").
  if (startsWith(v, "eyJ") && std::count(v.begin(), v.end(), '.') == 2 && v.size() > 30) return true;
  return false;
}

}  // namespace cc::engine
