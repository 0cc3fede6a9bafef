#pragma once
// The original tool's pipeline spec rules (connection_name + objects), reporting every problem.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cc::engine {

/// One finding of the pipeline spec validator, in the original tool's words.
struct PipelineSpecIssue {
  std::string path;     // the original's path, e.g. "objects[0].table"; empty for the top level
  std::string pointer;  // the same place as a JSON pointer into the spec, e.g. "/objects/0/table"
  std::string message;  // e.g. "'source_table' is required"
  int rule = 0;         // 1..17 for errors (the original tool's numbering), 0 for warnings

  /// The original's full text: "Invalid pipeline spec at '<path>': <message>" (or without
  /// " at '<path>'" when there is no path). Warnings are `message` alone.
  std::string text() const;
};

/// All errors and warnings of one spec. The original stopped at the first error; this keeps
/// going wherever the shape still allows it, in the original's check order.
struct PipelineSpecReport {
  std::vector<PipelineSpecIssue> errors;
  std::vector<PipelineSpecIssue> warnings;
  bool valid() const { return errors.empty(); }
};

/// Validates a pipeline spec: {"connection_name": "...", "objects": [{"table": {...}}]}.
PipelineSpecReport validatePipelineSpec(const nlohmann::json& spec);

/// Validates only an `objects` list (what a manifest pipeline holds), with paths rooted at
/// "objects": the connection name is the manifest's business.
PipelineSpecReport validatePipelineObjects(const nlohmann::json& objects);

/// The original helper: the first error's full text, or nothing when the spec is valid.
std::optional<std::string> pipelineSpecError(const nlohmann::json& spec);

/// The scd_type values the pipeline accepts.
const std::vector<std::string>& scdTypes();

}  // namespace cc::engine
