#include "emulator/volume_paths.h"

#include "emulator/ascii_case.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

std::optional<VolumePath> parseVolumePath(const std::string& path) {
  const std::vector<std::string> segments = splitPath(path);
  if (segments.size() < 4 || segments[0] != "Volumes") return std::nullopt;
  VolumePath parsed;
  parsed.fullName = lowerAscii(segments[1] + "." + segments[2] + "." + segments[3]);
  parsed.root = "/Volumes/" + lowerAscii(segments[1] + "/" + segments[2] + "/" + segments[3]);
  for (size_t i = 4; i < segments.size(); ++i) {
    if (segments[i] == "." || segments[i] == "..") return std::nullopt;
    parsed.rest += (i == 4 ? "" : "/") + segments[i];
  }
  return parsed;
}

std::string volumeRoot(const std::string& fullName) {
  std::string root = "/Volumes/" + lowerAscii(fullName);
  for (size_t i = 9; i < root.size(); ++i) {
    if (root[i] == '.') root[i] = '/';
  }
  return root;
}

void removeVolumeFiles(WorkspaceData& data, const std::string& root) {
  const std::string prefix = root + "/";
  auto it = data.volumeFiles.lower_bound(prefix);
  while (it != data.volumeFiles.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    it = data.volumeFiles.erase(it);
  }
}

}  // namespace cc::emulator
