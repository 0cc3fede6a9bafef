#pragma once
// Managed ingestion pipelines: the `ingestion_definition` of a pipeline's settings (SDK
// IngestionPipelineDefinition) as create and edit accept it.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/http_message.h"

namespace cc::emulator {

class WorkspaceState;

/// The shape rules of `ingestion_definition` and of its combination with other settings, for a
/// create/edit body; "" when the body has none or it is valid.
std::string ingestionDefinitionProblem(const nlohmann::json& body);

/// The connection named by the definition must exist (caller holds the state lock); nullopt
/// when it does or the body has no definition.
std::optional<HttpResponse> ingestionConnectionProblem(const nlohmann::json& body, WorkspaceState& state);

/// `source_type` is output-only: filled from the connection when the client did not send it.
void fillIngestionSourceType(nlohmann::json& spec, WorkspaceState& state);

}  // namespace cc::emulator
