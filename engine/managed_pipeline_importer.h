#pragma once
// One observed managed pipeline (an `ingestion_definition`, wheels in a volume) → its manifest
// entry with `ingestion: managed`, for import (manifest_writer.h). The inverse of
// managed_pipeline_model.h: what the model fills in (the tables' destination catalog and
// schema, the source schema `default`, the register flag) is left out again.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/manifest_writer.h"

namespace cc::engine {

/// True for a pipeline spec with an ingestion_definition (a managed pipeline).
bool isManagedPipelineSpec(const nlohmann::json& spec);

/// The entry of the managed pipeline `pipeline`, given the effective default config. Its
/// packages are named `packages/<file>` after the files of environment.dependencies: the bytes
/// stay in the volume and a note says where to put them. nullopt, with a note, when the
/// workspace does not say enough (no connection, no source, packages a manifest cannot name).
std::optional<nlohmann::ordered_json> importManagedPipelineEntry(const ImportedPipeline& pipeline,
                                                                 const nlohmann::json& config,
                                                                 const ImportedWorkspace& workspace,
                                                                 std::vector<std::string>& notes);

}  // namespace cc::engine
