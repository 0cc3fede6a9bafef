#include "engine/ownership.h"

#include <algorithm>
#include <vector>

namespace cc::engine {

std::string connectionComment(std::string_view userComment) {
  if (userComment.empty()) return std::string(kConnectionMarker);
  return std::string(userComment) + " (" + std::string(kConnectionMarker) + ")";
}

std::string toolRoot(std::string_view userName) {
  return "/Users/" + std::string(userName) + "/.lakeflow_community_connectors";
}

std::string stateDirectory(std::string_view root) { return std::string(root) + "/.community-connector"; }

std::string lockPath(std::string_view root) { return stateDirectory(root) + "/apply.lock"; }

std::string fingerprintStorePath(std::string_view root) { return stateDirectory(root) + "/fingerprints.json"; }

std::optional<std::string> normalWorkspacePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    path.remove_prefix(1);  // the '/'
    const std::size_t end = std::min(path.find('/'), path.size());
    const std::string_view segment = path.substr(0, end);
    path.remove_prefix(end);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;  // above the root
      segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string out;
  for (std::string_view segment : segments) (out += '/') += segment;
  return out.empty() ? std::string("/") : out;
}

bool isUnder(std::string_view pathIn, std::string_view rootIn) {
  // Compared after normalisation: `root/../x` is not under root, `root//x` is.
  const auto path = normalWorkspacePath(pathIn);
  const auto root = normalWorkspacePath(rootIn);
  if (!path || !root) return false;
  if (*root == "/") return true;
  if (path->size() < root->size() || path->compare(0, root->size(), *root) != 0) return false;
  return path->size() == root->size() || (*path)[root->size()] == '/';
}

bool isOwned(const ObservedResource& observed, std::string_view root) {
  if (!observed.exists) return false;
  switch (observed.key.kind) {
    case ResourceKind::Connection: {
      const auto& f = observed.fields;
      if (f.contains("comment") && f["comment"].is_string() &&
          f["comment"].get<std::string>().find(kConnectionMarker) != std::string::npos) {
        return true;
      }
      const auto& fp = observed.fingerprints;
      return fp.is_object() && fp.value("adopted", false);
    }
    case ResourceKind::Pipeline: {
      const auto& f = observed.fields;
      if (!f.contains("configuration") || !f["configuration"].is_object()) return false;
      const auto& c = f["configuration"];
      auto it = c.find(std::string(kPipelineMarkerKey));
      return it != c.end() && it->is_string() && it->get<std::string>() == kPipelineMarkerValue;
    }
    case ResourceKind::Directory:
    case ResourceKind::Repo:
    case ResourceKind::IngestFile:
      return isUnder(observed.key.name, root);
    case ResourceKind::PipelineRun:
      return true;
  }
  return false;
}

}  // namespace cc::engine
