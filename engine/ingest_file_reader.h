#pragma once
// Reads back what renderIngestFile (ingest_template.h) wrote: source name, connection name and
// the `objects` of pipeline_spec, so `import` can rebuild a manifest entry from a workspace.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace cc::engine {

/// What an ingest.py says. `objects` is absent for the template without a spec.
struct IngestFileFacts {
  std::string sourceName;
  std::string connectionName;
  std::optional<nlohmann::json> objects;
};

/// nullopt when the file has no `source_name = "…"` line (not written by this tool or the
/// original). Objects come from `pipeline_spec = {…}` read as a Python literal.
std::optional<IngestFileFacts> readIngestFile(const std::string& content);

/// A Python literal (dict/list/str/number/True/False/None, trailing commas allowed) as JSON;
/// nullopt when it is not one.
std::optional<nlohmann::json> parsePythonLiteral(const std::string& text);

}  // namespace cc::engine
