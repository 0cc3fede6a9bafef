#pragma once
// The body of a managed ingestion pipeline (ingestion_definition), built as today's original
// tool builds it from a pipeline spec and the command line (-n, -c, -t, wheels). A function of
// its inputs, tested rule by rule; the commands and the manifest build their requests with it.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::engine {

/// The configuration key that makes a managed pipeline register the connector's Python data source.
inline constexpr const char* kRegisterPythonDataSourceKey = "pipelines.managedIngestion.registerPythonDataSource";

struct ManagedPipelineInput {
  std::string name;
  /// The -ps file's content: a *full* spec (it has `ingestion_definition`) or a *bare* one (the
  /// ingestion definition itself); null for none (only -n: an empty pipeline).
  nlohmann::json spec;
  std::optional<std::string> connectionName;  // -n
  std::optional<std::string> catalog;         // -c
  std::optional<std::string> schema;          // -t / --schema
  /// Defaults when neither the spec nor the command line gives them (the bundled config).
  std::string defaultCatalog = "main";
  std::string defaultSchema = "default";
  std::vector<std::string> dependencies;  // uploaded wheel paths
  bool create = true;  // a bare spec's pipeline gets channel PREVIEW and serverless on create only
};

/// The pipelines API body. Errors: a spec that is not an object, objects that are not a list of
/// table/schema/report entries, no connection named anywhere.
Result<nlohmann::json> buildManagedPipelineBody(const ManagedPipelineInput& input);

/// update_pipeline: `input` from the command line completed from the pipeline's `existing`
/// spec (as GET returns it): its catalog and schema become the defaults, its connection is
/// kept when neither -n nor the new spec names one, nothing of a create is added, and with
/// `keepDependencies` (neither -s nor -p) its environment's dependencies are reused.
ManagedPipelineInput updateInputFrom(ManagedPipelineInput input, const nlohmann::json& existing,
                                     bool keepDependencies);

/// The PUT body of update_pipeline: `update` (built from updateInputFrom's input) laid over the
/// `existing` spec, because PUT replaces the whole spec: top-level fields of `update` win,
/// `configuration` and `environment` merge key by key (so settings the tool does not write
/// stay), and `id` is `pipelineId`.
nlohmann::json mergeManagedUpdate(const nlohmann::json& existing, const nlohmann::json& update,
                                  const std::string& pipelineId);

}  // namespace cc::engine
