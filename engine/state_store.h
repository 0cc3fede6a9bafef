#pragma once
// The deployment's state file (deployment.h stateFile): every connection's secret fingerprint
// record (secret_fingerprint.h) and the record of every resource the deployment manages, in
// one workspace file, so a plan reads them all with a single request.
//
//   {"version": 2, "deployment": "<name>/<env>", "user": "<userName>", "key": "<hex>",
//    "connections": {"<connection name>": <fingerprint record>, ...},
//    "resources": {"<address>": {"id": "<server id>"}, ...}}
//
// "key" is the fingerprint key (secret_fingerprint.h), made at the first write; it is absent
// when COMMUNITY_CONNECTOR_FINGERPRINT_KEY provides the key instead. "resources" is a cache of
// the markers on the resources (ownership.h) plus what has no marker (repos, ingest files,
// adopted connections): lost or deleted, the next plan rebuilds what the markers say.
// "user" is the identity of the deployment's first apply: {CURRENT_USER} in its paths stays
// that user whoever applies next, so a person and a CI principal plan the same resources.
// Version 1 files (the per-identity fingerprint store of earlier releases) hold "connections"
// only and are read for migration.
//
// Writers hold the apply lock (one apply per deployment at a time), so a read-modify-write is
// safe across processes. Within one apply, the actions running in parallel share one
// StateStore: a change returns once a write that contains it has succeeded, and the changes
// that arrive while a write is in flight go out together in the next one, so a thousand
// parallel writes cost a handful of file writes, not a thousand serial ones.

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/provider.h"
#include "engine/resource.h"
#include "engine/result.h"
#include "engine/secret_fingerprint.h"

namespace cc::engine {

/// What a state file holds. A damaged or foreign file holds nothing: a missing fingerprint only
/// makes the plan re-send the connection's options, and a missing record is rebuilt from markers.
struct StateFileContent {
  std::map<std::string, nlohmann::json> fingerprints;  // by connection name
  std::map<ResourceKey, nlohmann::json> resources;     // the record, by key
  std::string deployment;                              // "<name>/<env>"; "" in a version 1 file
  std::string user;                                    // the deployment's {CURRENT_USER}; "" if none
  std::string keyHex;                                  // the stored fingerprint key; "" if none
};

StateFileContent parseStateFile(std::string_view content);
std::string renderStateFile(const StateFileContent& content);
/// The key records are checked with: COMMUNITY_CONNECTOR_FINGERPRINT_KEY's when set, else the
/// file's own "key" (empty when it has none yet).
FingerprintKey fingerprintKeyOf(std::string_view stateFileContent);

/// The state file as the executor changes it. Thread-safe.
class StateStore {
 public:
  /// `deploymentId` is written into the file ("<name>/<env>"), and `user` when the file has none.
  StateStore(Workspace& workspace, std::string path, std::string deploymentId, std::string user = {});
  /// The key to make records with: the environment's, the file's, or a new one that is
  /// written with the next change.
  Result<FingerprintKey> key();
  /// Sets (record) or removes (nullopt) a connection's fingerprint record and waits until it
  /// is written.
  Status changeFingerprint(const std::string& connection, std::optional<nlohmann::json> record);
  /// Sets or removes a resource of the record and waits until it is written.
  Status changeRecord(const ResourceKey& key, std::optional<nlohmann::json> entry);
  /// Whether the record lists `key` (read from the file at the first call).
  Result<bool> recorded(const ResourceKey& key);
  /// Sets and removes several record entries (and fingerprints) in one write.
  Status changeMany(const std::map<ResourceKey, std::optional<nlohmann::json>>& entries,
                    const std::map<std::string, std::optional<nlohmann::json>>& fingerprints);

 private:
  Status loadLocked();
  Status writeLocked(std::unique_lock<std::mutex>& lock);
  Workspace& workspace_;
  const std::string path_;
  const std::string deploymentId_;
  std::string user_;
  std::mutex mutex_;
  std::condition_variable written_cv_;
  // Members serialised ("<name>":<json>), so a write costs one pass over the bytes.
  std::map<std::string, std::string> fingerprints_;
  std::map<std::string, std::string> resources_;  // by address
  FingerprintKey storedKey_;                       // the file's "key" (kept or made here)
  bool loaded_ = false;
  bool writing_ = false;
  std::uint64_t changes_ = 0;  // changes made so far (a sequence number)
  std::uint64_t written_ = 0;  // changes a successful write contained
};

}  // namespace cc::engine
