#pragma once
// The rules of a pipeline's `ingestion:` mode that a JSON Schema cannot say well: which fields
// belong to which mode, and that the package files a managed pipeline names exist.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "engine/diagnostic.h"
#include "engine/source_location.h"

namespace cc::engine {

/// `ingestion: managed` takes no `repo` (the schema requires `connection` of every pipeline); `packages` and `volume_path` are for
/// managed pipelines only; each package path (relative to `baseDir`) is a `.whl` file or, with
/// `build:`, a folder. Errors located in the file.
void checkIngestionModes(const nlohmann::json& doc, const SourceMap& sources, const std::string& baseDir,
                         Diagnostics& diags);

}  // namespace cc::engine
