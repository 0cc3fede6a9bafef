#pragma once
// Renders a pipeline's ingest.py from the bundled templates, as the original tool renders it.

#include <nlohmann/json.hpp>
#include <string>

#include "engine/config_layers.h"
#include "engine/repo_layout.h"

namespace cc::engine {

/// With `objects` non-empty: ingest_spec.py.tmpl with {SOURCE_NAME}, then {PIPELINE_SPEC}
/// replaced by {"connection_name", "objects"} as a Python literal. Without: ingest.py.tmpl with
/// {SOURCE_NAME} then {CONNECTION_NAME}. Replacement is plain and in that order, as the original.
/// The src layout uses the src templates (package imports) with the same placeholders.
std::string renderIngestFile(const BundledData& bundled, const std::string& sourceName,
                             const std::string& connectionName, const nlohmann::json& objects,
                             RepoLayout layout = RepoLayout::Legacy);

/// The layout an existing ingest.py was written for: Src when it imports from the
/// databricks.labs.community_connector package (ours and upstream's src templates), else Legacy.
/// update_pipeline rewrites a file with the template of the tree it runs in.
RepoLayout ingestFileLayout(const std::string& content);

/// `value` as Python source, laid out like json.dumps(indent=4, ensure_ascii=True) — except that
/// true/false/null become True/False/None, so the file runs (the original wrote JSON literals).
std::string pythonLiteral(const nlohmann::json& value, int indent = 0);

}  // namespace cc::engine
