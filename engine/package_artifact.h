#pragma once
// A package file a managed pipeline depends on (a wheel), as the caller produced it: read from
// the path a manifest's `packages:` entry names, or built from a source folder (wheel/).

#include <string>

namespace cc::engine {

struct PackageArtifact {
  std::string fileName;  // the name it is uploaded under, e.g. "x-0.1.0-py3-none-any.whl"
  std::string bytes;
  std::string sha256;    // lower-case hex SHA-256 of `bytes`
};

}  // namespace cc::engine
