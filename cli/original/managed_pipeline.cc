#include "cli/original/managed_pipeline.h"

namespace cc::cli {

// Placeholder until the managed mode lands: says so instead of creating anything.
int runManagedCreatePipeline(const OriginalContext& ctx, const std::string&, const std::string&,
                             const nlohmann::json&) {
  return ctx.fail("managed pipelines: not built yet (pass --use-workspace-pipeline for a Git folder and ingest.py)");
}

}  // namespace cc::cli
