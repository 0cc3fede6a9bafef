#pragma once
// One observed pipeline (spec, ingest.py, Git folder) → its manifest entry, for import
// (manifest_writer.h). Only keys that differ from the layered defaults are written.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/config_layers.h"
#include "engine/manifest_writer.h"

namespace cc::engine {

/// The entry of `pipeline` whose files live at `workspacePath`, given the effective default
/// config (`config`). nullopt, with a line in `notes`, when the workspace does not say enough
/// (no source or connection name). Other gaps are notes too, and the entry is kept.
std::optional<nlohmann::ordered_json> importPipelineEntry(const ImportedPipeline& pipeline,
                                                          const std::string& workspacePath,
                                                          const nlohmann::json& config, const BundledData& bundled,
                                                          const ImportedWorkspace& workspace,
                                                          std::vector<std::string>& notes);

/// The connector source of `connection` as the workspace says (its sourceName option); "" when
/// the connection is not there or names none.
std::string connectionSource(const ImportedWorkspace& workspace, const std::string& connection);

/// The `pipeline:` overrides (channel, continuous, development, serverless, photon, edition,
/// configuration without the deployment's markers, notifications, tags) that make the model's
/// settings equal `spec`'s, given the defaults' `pipeline` block (`base`).
nlohmann::ordered_json pipelineSettingsOverrides(const nlohmann::json& spec, const nlohmann::json& base,
                                                 const std::string& name, std::vector<std::string>& notes);

}  // namespace cc::engine
