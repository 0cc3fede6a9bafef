#pragma once
// Path rules of the workspace tree shared by the workspace and repos handlers.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cc::emulator {

struct WorkspaceData;
struct WorkspaceObject;

/// Strips a `/Workspace` prefix and trailing slashes; nullopt when not absolute.
std::optional<std::string> normalizeWorkspacePath(const std::string& path);

/// "/a/b" → "/a"; "/a" → "/".
std::string parentPath(const std::string& path);

/// Last segment of a path.
std::string baseName(const std::string& path);

/// DIRECTORY and REPO nodes hold children.
bool isContainer(const WorkspaceObject& object);

/// Direct children paths of `path`, sorted.
std::vector<std::string> childPaths(const WorkspaceData& data, const std::string& path);

/// Removes `path` and everything below it, and the repos whose folder goes with it.
void removeSubtree(WorkspaceData& data, const std::string& path);

/// The API's ObjectInfo of the node at `path`.
nlohmann::json objectInfo(const std::string& path, const WorkspaceObject& object);

}  // namespace cc::emulator
