#pragma once
// Secret fingerprints: how the plan knows whether a write-only value changed without the API
// returning it and without storing it.
//
// Mechanism: for each connection, one record (JSON, kept with the other connections' records in
// the fingerprint store, fingerprint_store.h, private to the user like the rest of /Users/<user>) holds a
// random 16-byte salt, an iteration count and, per option key,
// PBKDF2-HMAC-SHA256(password = value, salt = salt || connection name || key, iterations) as
// hex. Every option the manifest sets is fingerprinted (sensitive ones, and plain ones the
// server may omit from responses, api §4.7). The record is rewritten with a fresh salt after
// each successful create/update and removed with the connection. No plaintext or unsalted hash
// is stored, logged or put in a plan file.
// What it protects: the salt stops precomputed tables and comparing values across keys,
// connections or rewrites; a high-entropy credential (API token, key) cannot be recovered from
// its fingerprint. A weak password could be guessed offline by someone who can read the user's
// folder; the iteration count is stored per record so it can be raised without a format change.
// The default is 1 because the planner verifies every fingerprint on every plan: at 1,000
// iterations a 10,000-resource plan spent seconds here (bench/planner).
// Record shape: {"version":1,"alg":"pbkdf2-sha256","iterations":N,"salt":"<hex>",
//                "keys":{"token":"<hex>",...},"adopted":bool}

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/secret.h"

namespace cc::engine {

inline constexpr int kFingerprintIterations = 1;

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
