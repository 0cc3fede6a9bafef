#pragma once
// Environments (the idea of bundle targets): a manifest's optional `environments:` map, each
// entry overriding `workspace`, variable defaults (`variables: {NAME: value}`) and `defaults`
// for one environment, selected with -e/--env NAME (or COMMUNITY_CONNECTOR_ENV). Deployment +
// environment is the scope of ownership, lock and state (deployment.h).

#include <nlohmann/json.hpp>
#include <string>

#include "engine/deployment.h"
#include "engine/diagnostic.h"
#include "engine/source_location.h"

namespace cc::engine {

/// Merges the environment's overrides into `doc` (before interpolation and validation), so
/// every later step sees one plain manifest; positions of merged nodes point at the override.
/// An empty `environment` means kDefaultEnvironment. Errors (an unknown environment, a variable
/// it sets that the manifest does not declare) are added to `diags`.
void applyEnvironment(nlohmann::json& doc, SourceMap& sources, const std::string& environment, Diagnostics& diags);

/// The manifest's deployment in `environment`: `deployment:` (or the file's stem, with a
/// warning) and `workspace.state_path`. Call after applyEnvironment.
Deployment resolveDeployment(const nlohmann::json& doc, const SourceMap& sources, const std::string& file,
                             const std::string& environment, Diagnostics& diags);

}  // namespace cc::engine
