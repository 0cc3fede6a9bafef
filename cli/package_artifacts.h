#pragma once
// The files of a managed pipeline's `packages:` (engine::ModelOptions::packageArtifact): a wheel
// read from disk, or one built from a source folder with wheel/, paths relative to the manifest.

#include <string>

#include "engine/model.h"

namespace cc::cli {

enum class PackageReading {
  Content,   // read or build each package (plan, apply)
  NameOnly,  // only the file name (destroy: a wheel deleted locally must not block it)
};

/// The callback for a manifest loaded from `manifestFile` ("-": the current directory).
/// `sourceOf(pipeline)` gives the pipeline's connector source, for the built wheel's defaults.
decltype(engine::ModelOptions::packageArtifact) packageArtifacts(const engine::Manifest& manifest,
                                                                const std::string& manifestFile,
                                                                PackageReading reading = PackageReading::Content);

}  // namespace cc::cli
