#include "emulator/workspace_tree.h"

#include "emulator/workspace_state.h"

namespace cc::emulator {

std::optional<std::string> normalizeWorkspacePath(const std::string& raw) {
  if (raw.empty() || raw[0] != '/') return std::nullopt;
  std::string path = raw;
  if (path == "/Workspace") return "/";
  if (path.rfind("/Workspace/", 0) == 0) path = path.substr(10);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.find("//") != std::string::npos) return std::nullopt;
  return path;
}

std::string parentPath(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::string baseName(const std::string& path) { return path.substr(path.rfind('/') + 1); }

bool isContainer(const WorkspaceObject& object) {
  return object.type == "DIRECTORY" || object.type == "REPO";
}

std::vector<std::string> childPaths(const WorkspaceData& data, const std::string& path) {
  std::vector<std::string> children;
  const std::string prefix = path == "/" ? "/" : path + "/";
  for (auto it = data.objects.lower_bound(prefix); it != data.objects.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    if (it->first.size() > prefix.size() && it->first.find('/', prefix.size()) == std::string::npos) {
      children.push_back(it->first);
    }
  }
  return children;
}

void removeSubtree(WorkspaceData& data, const std::string& pathArg) {
  // A copy: callers pass a repo's own path, and erasing that repo below would free it.
  const std::string path = pathArg;
  const std::string prefix = path + "/";
  for (auto it = data.objects.begin(); it != data.objects.end();) {
    const bool below = it->first == path || it->first.compare(0, prefix.size(), prefix) == 0;
    if (below && it->second.type == "REPO") data.repos.erase(it->second.objectId);
    it = below ? data.objects.erase(it) : std::next(it);
  }
}

nlohmann::json objectInfo(const std::string& path, const WorkspaceObject& object) {
  nlohmann::json info = {{"object_type", object.type},
                         {"path", path},
                         {"object_id", object.objectId},
                         {"resource_id", std::to_string(object.objectId)}};
  if (object.type == "NOTEBOOK") info["language"] = object.language;
  if (object.type == "FILE" || object.type == "NOTEBOOK") {
    info["created_at"] = object.createdAt;
    info["modified_at"] = object.modifiedAt;
    if (object.type == "FILE") info["size"] = object.size;
  }
  return info;
}

}  // namespace cc::emulator
