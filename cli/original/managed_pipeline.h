#pragma once
// create_pipeline's managed mode (today's original §7.6: ingestion_definition, wheels, no Git
// folder), the current generation's default. The one dispatch point the command calls when
// --use-workspace-pipeline is absent in the current generation.

#include <nlohmann/json.hpp>
#include <string>

#include "cli/original/command_set.h"

namespace cc::cli {

/// Creates the managed pipeline `name` for `source` from the command's flags and the user's
/// --config mapping (`userConfig`, already read and checked). Returns the exit code.
int runManagedCreatePipeline(const OriginalContext& ctx, const std::string& source, const std::string& name,
                             const nlohmann::json& userConfig);

}  // namespace cc::cli
