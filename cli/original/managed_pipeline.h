#pragma once
// create_pipeline's and update_pipeline's managed mode (today's original §7.6:
// ingestion_definition, wheels, no Git folder), the current generation's default. The dispatch
// points the commands call when --use-workspace-pipeline is absent in the current generation.

#include <nlohmann/json.hpp>
#include <string>

#include "cli/original/command_set.h"

namespace cc::cli {

/// Creates the managed pipeline `name` for `source` from the command's flags and the user's
/// --config mapping (`userConfig`, already read and checked). Returns the exit code.
int runManagedCreatePipeline(const OriginalContext& ctx, const std::string& source, const std::string& name,
                             const nlohmann::json& userConfig);

/// update_pipeline's managed form: the managed pipeline `name` takes the -ps spec and the
/// command's -n/-c/-t, its other settings kept; its wheels are replaced only with -s or -p.
/// Returns the exit code.
int runManagedUpdatePipeline(const OriginalContext& ctx, const std::string& name);

}  // namespace cc::cli
