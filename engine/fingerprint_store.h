#pragma once
// The fingerprint store: every connection's secret fingerprint record (secret_fingerprint.h)
// of one tool root in one workspace file, so a plan reads them all with a single request
// instead of one per connection.
//
// File (ownership.h fingerprintStorePath):
//   {"version": 1, "key": "<hex>", "connections": {"<connection name>": <record>, ...}}
// "key" is the fingerprint key (secret_fingerprint.h), made at the first write; it is absent
// when COMMUNITY_CONNECTOR_FINGERPRINT_KEY provides the key instead.
// Writers hold the apply lock (one apply per tool root at a time), so a read-modify-write is
// safe across processes. Within one apply, the connection actions running in parallel share
// one FingerprintStore: a change returns once a write that contains it has succeeded, and the
// changes that arrive while a write is in flight go out together in the next one, so a
// thousand parallel connection writes cost a handful of file writes, not a thousand serial ones.

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/provider.h"
#include "engine/result.h"
#include "engine/secret_fingerprint.h"

namespace cc::engine {

/// Records by connection name. A damaged or foreign file yields no records: a missing
/// fingerprint only makes the plan re-send the connection's options, never lose them.
std::map<std::string, nlohmann::json> parseFingerprintStore(std::string_view content);
std::string renderFingerprintStore(const std::map<std::string, nlohmann::json>& records);

/// The key records are checked with: COMMUNITY_CONNECTOR_FINGERPRINT_KEY's when set, else the
/// store's own "key" (empty when the store has none yet).
FingerprintKey fingerprintKeyOf(std::string_view storeContent);

/// The store as the executor changes it. Thread-safe.
class FingerprintStore {
 public:
  FingerprintStore(Workspace& workspace, std::string path);

  /// The key to make records with: the environment's, the store's, or a new one that is
  /// written with the next change.
  Result<FingerprintKey> key();

  /// Sets (record) or removes (nullopt) a connection's record and waits until it is written.
  Status change(const std::string& connection, std::optional<nlohmann::json> record);

 private:
  Status loadLocked();

  Workspace& workspace_;
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable written_cv_;
  std::map<std::string, std::string> members_;  // by connection: "<name>":<record>, serialised
  FingerprintKey storedKey_;                     // the store's "key" (kept or made here)
  bool loaded_ = false;
  bool writing_ = false;
  std::uint64_t changes_ = 0;  // changes made so far (a sequence number)
  std::uint64_t written_ = 0;  // changes a successful write contained
};

}  // namespace cc::engine
