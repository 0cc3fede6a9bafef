#pragma once
// The original tool's command-line inputs that are more than a word: the pipeline spec (-ps)
// and connection options (-o). Pure functions; error texts are the original's. (Where a
// connector spec is looked for: engine/connector_spec_source.h.)

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::cli {

/// -ps: a path when it ends in .yaml/.yml/.json (case-sensitive), else an inline JSON string.
/// Errors: `Pipeline spec file not found: <path>`, `Failed to parse pipeline spec file: <e>`,
/// `Invalid JSON for --pipeline-spec: <e>`. The document is not validated here.
engine::Result<nlohmann::json> readPipelineSpecArgument(const std::string& argument);

/// -ps read and checked against the pipeline spec rules: the document, or every error (one per
/// line). Warnings go to `warnings` as the original printed them.
engine::Result<nlohmann::json> readCheckedPipelineSpec(const std::string& argument, std::ostream& warnings);

/// -o: a JSON object, keys kept in the order written. Errors: `Invalid JSON for --options: <e>`,
/// `--options must be a JSON object (key-value pairs)`.
engine::Result<nlohmann::ordered_json> parseConnectionOptions(const std::string& text);

/// UC connection options are strings: non-string values become their JSON text (a number or
/// boolean as written, an object or list as compact JSON). The original sent them typed.
std::string optionValueText(const nlohmann::ordered_json& value);

}  // namespace cc::cli
