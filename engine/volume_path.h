#pragma once
// A path inside a Unity Catalog volume, /Volumes/<catalog>/<schema>/<volume>[/<subpath>]: where
// a managed pipeline's wheels are uploaded (`--volume-path`, a manifest's `volume_path`).

#include <string>

#include "engine/result.h"

namespace cc::engine {

struct VolumePath {
  std::string catalog;
  std::string schema;
  std::string volume;
  std::string subpath;  // "" or "a/b", without leading or trailing '/'

  /// catalog.schema.volume, the name the volumes API takes.
  std::string fullName() const { return catalog + "." + schema + "." + volume; }
  /// /Volumes/catalog/schema/volume[/subpath].
  std::string path() const;
  /// `path()/fileName`.
  std::string file(const std::string& fileName) const { return path() + "/" + fileName; }
};

/// Parses `/Volumes/c/s/v[/sub/dirs]` (one trailing '/' allowed). Refused: another prefix, fewer
/// than three names, empty names (`//`), `.` or `..`, control characters; the error says the shape.
Result<VolumePath> parseVolumePath(const std::string& text);

/// Where wheels go when no volume path is given, as today's original tool does:
/// /Volumes/<catalog or main>/<schema or default>/community_connector/packages.
VolumePath defaultPackagesVolume(const std::string& catalog, const std::string& schema);

}  // namespace cc::engine
