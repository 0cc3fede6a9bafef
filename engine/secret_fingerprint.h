#pragma once
// Secret fingerprints: how the plan knows whether a write-only value changed without the API
// returning it and without storing it.
//
// Mechanism: for each connection, one record (JSON, kept with the other connections' records in
// the deployment's state file, state_store.h) holds a random 16-byte salt and, per option key,
// HMAC-SHA256(key = the fingerprint key, message = salt || connection name || NUL || option
// key || NUL || value) as hex. The fingerprint key is 32 random bytes kept in the store (made
// at the first write), or derived from COMMUNITY_CONNECTOR_FINGERPRINT_KEY when that is set,
// in which case it is never stored. Every option the manifest sets is fingerprinted (sensitive
// ones, and plain ones the server may omit from responses). The record is rewritten with a
// fresh salt after each successful create/update and removed with the connection. No
// plaintext or unsalted hash is stored, logged or put in a plan file.
// What it protects: without the key a fingerprint is useless, even for a weak password (no
// offline guessing from a copied record); with the key kept outside the workspace (the
// environment variable), reading the state folder is not enough either. The salt stops
// comparing values across keys, connections or rewrites. HMAC is one pass, so a
// 10,000-connection plan verifies every fingerprint in milliseconds.
// Records of earlier versions (PBKDF2-HMAC-SHA256, "alg":"pbkdf2-sha256") are still verified,
// and replaced by HMAC records at the next write of their connection.
// Record shape: {"version":2,"alg":"hmac-sha256","salt":"<hex>","keys":{"token":"<hex>",...},
//                "adopted":bool}

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/secret.h"

namespace cc::engine {

/// The secret of the HMAC (raw bytes); empty when unknown.
using FingerprintKey = std::string;

/// 32 fresh random bytes.
FingerprintKey newFingerprintKey();

/// The key derived (SHA-256) from COMMUNITY_CONNECTOR_FINGERPRINT_KEY, when that is set and
/// non-empty: CI can keep the key outside the workspace.
std::optional<FingerprintKey> fingerprintKeyFromEnvironment();

/// Hex text of a key, for the store, and back (nullopt when malformed).
std::string fingerprintKeyHex(const FingerprintKey& key);
std::optional<FingerprintKey> fingerprintKeyFromHex(std::string_view hex);

/// Builds a record for `values` (option key → value) with a fresh random salt, keyed by `key`.
nlohmann::json makeFingerprintRecord(std::string_view connectionName, const std::map<std::string, Secret>& values,
                                     bool adopted, const FingerprintKey& key);

/// A record as earlier versions made it (PBKDF2), for tests of the upgrade path only.
nlohmann::json makeLegacyFingerprintRecord(std::string_view connectionName,
                                           const std::map<std::string, Secret>& values, bool adopted,
                                           int iterations = 1);

/// Whether `record` holds a fingerprint of `value` for `optionKey`. False when the record is
/// absent, malformed, of an unknown algorithm, has no entry for `optionKey`, or is an HMAC
/// record and `key` is empty or another key.
bool fingerprintMatches(const nlohmann::json& record, const FingerprintKey& key, std::string_view connectionName,
                        std::string_view optionKey, const Secret& value);

/// Whether `record` has an entry for `key` at all.
bool fingerprintKnown(const nlohmann::json& record, std::string_view key);

}  // namespace cc::engine
