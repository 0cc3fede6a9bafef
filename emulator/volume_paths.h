#pragma once
// `/Volumes/<catalog>/<schema>/<volume>[/<path>]`: the names Unity Catalog volumes and the Files
// API share. UC stores identifiers lower-cased, so the three volume segments are folded; the path
// below the volume keeps its case.

#include <optional>
#include <string>

namespace cc::emulator {

struct WorkspaceData;

/// A path under /Volumes, split at its volume.
struct VolumePath {
  std::string fullName;  // catalog.schema.volume, lower-cased: the volumes map key
  std::string root;      // /Volumes/catalog/schema/volume, lower-cased
  std::string rest;      // below the root, "" for the root itself
  std::string canonical() const { return rest.empty() ? root : root + "/" + rest; }
};

/// nullopt unless `path` is /Volumes/c/s/v[/...] without `.` or `..` segments.
std::optional<VolumePath> parseVolumePath(const std::string& path);

/// `c.s.v` → /Volumes/c/s/v (lower-cased).
std::string volumeRoot(const std::string& fullName);

/// Removes every file and directory below a volume root.
void removeVolumeFiles(WorkspaceData& data, const std::string& root);

}  // namespace cc::emulator
