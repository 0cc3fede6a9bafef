#include "engine/ownership.h"

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

bool isUnder(std::string_view path, std::string_view root) {
  while (root.size() > 1 && root.back() == '/') root.remove_suffix(1);
  if (path.size() < root.size() || path.substr(0, root.size()) != root) return false;
  return path.size() == root.size() || path[root.size()] == '/';
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
