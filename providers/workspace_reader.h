#pragma once
// What `import` turns into a manifest: the workspace's Lakeflow connections and pipelines read
// through the API (each pipeline with its ingest.py and repo), with the ownership and secret
// facts the manifest writer needs.

#include <memory>
#include <optional>
#include <string>

#include "engine/manifest_writer.h"
#include "engine/result.h"

namespace cc::providers {

class WorkspaceClient;

/// Which resources `import` keeps.
struct ImportSelection {
  std::optional<std::string> source;      // only this connector source
  std::optional<std::string> deployment;  // the name written; default: the one markers name most
  bool ownedOnly = false;                 // only resources a deployment of this tool manages
};

/// Reads the workspace (current user, connections, pipelines, their files and repos, the
/// deployment's state for hidden credentials). Fails on the first request that fails.
engine::Result<engine::ImportedWorkspace> readWorkspaceForImport(std::shared_ptr<WorkspaceClient> client,
                                                                 const ImportSelection& selection);

}  // namespace cc::providers
