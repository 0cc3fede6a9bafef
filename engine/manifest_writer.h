#pragma once
// Observed workspace resources → a manifest (YAML) that plans to zero changes, for `import`.
//
// The writer inverts the model (model.h): it starts from the bundled defaults and writes only
// the keys a resource needs to come out as observed. What cannot be read back is replaced by a
// reference plus a comment: sensitive connection options become ${env.NAME}.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/config_layers.h"

namespace cc::engine {

/// A Unity Catalog connection as the API returns it, plus the keys its fingerprint record
/// knows but the API omits (sensitive options).
struct ImportedConnection {
  nlohmann::json info = nlohmann::json::object();  // ConnectionInfo: name, options, comment …
  std::vector<std::string> secretKeys;             // sorted
  bool owned = false;
};

/// A pipeline's spec and the files that reproduce it.
struct ImportedPipeline {
  nlohmann::json spec = nlohmann::json::object();  // GET pipelines/{id} `spec`
  std::optional<std::string> ingestContent;        // <workspace path>/ingest.py, when present
  std::optional<nlohmann::json> repo;              // {url, provider, branch, path, sparse_checkout}
  bool owned = false;
};

struct ImportedWorkspace {
  std::string userName;
  std::string deployment = "imported";  // written as `deployment:` (markers of one, or --deployment)
  std::vector<ImportedConnection> connections;  // any order; written sorted by name
  std::vector<ImportedPipeline> pipelines;
};

/// The manifest and what the user must know about it (one line each, for stderr).
struct WrittenManifest {
  std::string yaml;
  std::vector<std::string> notes;
};

/// Where a pipeline's files live: its root_path, else the folder of its ingest.py library.
/// Empty when neither tells.
std::string importedWorkspacePath(const nlohmann::json& spec);

/// `${env.NAME}` name for a secret option: "<CONNECTION>_<KEY>", upper-case, [A-Z0-9_] only.
std::string secretEnvName(const std::string& connection, const std::string& key);

WrittenManifest writeManifest(const ImportedWorkspace& workspace, const BundledData& bundled);

}  // namespace cc::engine
