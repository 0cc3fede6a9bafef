#pragma once
// Which pipelines use a Unity Catalog connection, read through the API: a pipeline names its
// connection in its ingest.py's pipeline spec (`connection_name`, how this tool and the
// original create pipelines) or in a managed-ingestion `ingestion_definition.connection_name`.
// delete_connection asks before it breaks them.

#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::providers {

class WorkspaceApi;

/// The names of the pipelines that use `connection`, sorted. Lists every pipeline and reads each
/// one's spec and ingest.py; a pipeline or file gone meanwhile is passed over, any other failed
/// request fails the whole answer.
engine::Result<std::vector<std::string>> pipelinesUsingConnection(WorkspaceApi& api, const std::string& connection);

}  // namespace cc::providers
