#pragma once
// The resources of a manifest pipeline with `ingestion: managed` (model.cc calls it): the
// volume its packages live in, one file per package, and the pipeline with its
// ingestion_definition. Internal to the model.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/model.h"

namespace cc::engine {

/// What one managed pipeline is built from.
struct ManagedPipelineSource {
  std::string name, where, source, connection, catalog, schema;
  const nlohmann::json* entry = nullptr;     // the manifest entry
  const nlohmann::json* pipeCfg = nullptr;   // bundled < defaults < the entry's `pipeline`
  std::vector<ResourceKey> connectionDep;
};

/// Volumes and package files several pipelines share (one resource each, however many use it).
struct SharedPackages {
  std::set<std::string> volumes;
  std::map<std::string, std::string> fileDigests;  // volume file path → sha256
};

/// Appends the pipeline's resources to `out`; problems (a bad volume path, a package that
/// cannot be read or built, two different files under one name) go to `errors`, located.
void buildManagedPipeline(const ManagedPipelineSource& in, const Manifest& manifest, const ModelOptions& options,
                          SharedPackages& shared, std::vector<DesiredResource>& out, Diagnostics& errors);

}  // namespace cc::engine
