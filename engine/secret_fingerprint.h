#pragma once
// Secret fingerprints: how the plan knows whether a write-only value changed without the API
// returning it and without storing it.
//
// Mechanism: for each connection, one record (JSON, a small workspace file at
// ownership.h fingerprintRecordPath) holds a random 16-byte salt, an iteration count and, per
// option key, PBKDF2-HMAC-SHA256(password = value, salt = salt || connection name || key,
// iterations) as hex. Every option the manifest sets is fingerprinted (sensitive ones, and
// plain ones the server may omit from responses, api §4.7). The record is rewritten after each
// successful create/update with a fresh salt. No plaintext or unsalted hash is stored or logged;
// the salt stops precomputed tables and cross-resource comparison, the iterations slow guessing
// of weak values by someone who can read the tool's workspace folder.
// Record shape: {"version":1,"alg":"pbkdf2-sha256","iterations":N,"salt":"<hex>",
//                "keys":{"token":"<hex>",...},"adopted":bool}

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/secret.h"

namespace cc::engine {

inline constexpr int kFingerprintIterations = 1000;

/// Builds a record for `values` (option key → value) with a fresh random salt.
nlohmann::json makeFingerprintRecord(std::string_view connectionName,
                                     const std::map<std::string, Secret>& values, bool adopted,
                                     int iterations = kFingerprintIterations);

/// Whether `record` holds a fingerprint of `value` for `key`. False when the record is absent,
/// malformed, of another algorithm, or has no entry for `key`.
bool fingerprintMatches(const nlohmann::json& record, std::string_view connectionName,
                        std::string_view key, const Secret& value);

/// Whether `record` has an entry for `key` at all.
bool fingerprintKnown(const nlohmann::json& record, std::string_view key);

}  // namespace cc::engine
