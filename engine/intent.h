#pragma once
// What a plan does with one desired resource. A manifest's resources converge; the original
// tool's commands name one resource and say what to do with it, and the engine plans exactly
// that (instead of a plan the command edits afterwards).

namespace cc::engine {

enum class Intent {
  Converge,      // create, update or replace it until it matches the desired fields
  Observe,       // read it, change nothing (show_pipeline; the pipeline run_pipeline starts)
  CreateOnly,    // create it when missing; one that exists is left alone for the caller to report
  UpdateAlways,  // update it in place when it exists, even with no visible difference (secrets
                 // cannot be read back to compare); a missing one is left for the caller to report
  Delete,        // delete it when it exists, whoever manages it (the caller asked the user)
  Run,           // a PipelineRun started whether or not anything it depends on changes
};

}  // namespace cc::engine
