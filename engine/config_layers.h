#pragma once
// Layered configuration: bundled templates/default_config.yaml < manifest `defaults` <
// per-resource fields. Maps merge key by key; lists and scalars replace wholesale (as the
// original tool's deep merge does).

#include <nlohmann/json.hpp>
#include <string>

#include "engine/result.h"

namespace cc::engine {

/// The files the tool ships in templates/: default configuration and ingest.py templates.
struct BundledData {
  nlohmann::json defaultConfig = nlohmann::json::object();
  std::string ingestTemplate;      // ingest.py.tmpl: {SOURCE_NAME}, {CONNECTION_NAME}
  std::string ingestSpecTemplate;  // ingest_spec.py.tmpl: {SOURCE_NAME}, {PIPELINE_SPEC}
  /// The src layout's twins (ingest_src.py.tmpl, ingest_src_spec.py.tmpl): same placeholders,
  /// imports from the databricks.labs.community_connector package.
  std::string srcIngestTemplate;
  std::string srcIngestSpecTemplate;
};

/// The data directory compiled in (the source tree or the install prefix).
std::string bundledDataDirectory();

/// Reads <dataDir>/templates/{default_config.yaml, ingest*.py.tmpl}.
Result<BundledData> loadBundledData(const std::string& dataDir);

/// Parses default_config.yaml text (YAML scalars: booleans, integers, null, else strings).
Result<nlohmann::json> parseDefaultConfig(const std::string& yamlText, const std::string& fileName);

/// `overlay` merged into `base`: objects recursively, anything else replaces; null in the
/// overlay leaves the base value in place.
nlohmann::json deepMerge(nlohmann::json base, const nlohmann::json& overlay);

/// Replaces every occurrence of `placeholder` in `text` by `value` (one left-to-right pass).
std::string replaceAll(std::string text, std::string_view placeholder, std::string_view value);

}  // namespace cc::engine
