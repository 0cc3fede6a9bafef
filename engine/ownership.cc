#include "engine/ownership.h"

#include <algorithm>
#include <vector>

#include "engine/json_fields.h"

namespace cc::engine {
namespace {

const std::string kDeploymentWord = " deployment ";

// The marker text alone: "managed by community-connector[ deployment <id>]" → nullopt / "" / id.
std::optional<std::string> parseMarker(std::string_view text) {
  if (text.substr(0, kConnectionMarker.size()) != kConnectionMarker) return std::nullopt;
  text.remove_prefix(kConnectionMarker.size());
  if (text.empty()) return std::string();
  if (text.substr(0, kDeploymentWord.size()) != kDeploymentWord) return std::nullopt;
  text.remove_prefix(kDeploymentWord.size());
  if (text.empty() || text.find_first_of(" ()") != std::string_view::npos) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> pipelineMarker(const ObservedResource& observed) {
  auto configuration = observed.fields.find("configuration");
  if (configuration == observed.fields.end()) return std::nullopt;
  if (const std::string* id = findString(*configuration, kPipelineDeploymentKey)) return *id;
  if (const std::string* marker = findString(*configuration, kPipelineMarkerKey); marker && *marker == kPipelineMarkerValue)
    return std::string();
  return std::nullopt;
}

std::optional<std::string> markerOf(const ObservedResource& observed) {
  switch (observed.key.kind) {
    case ResourceKind::Connection: {
      const std::string* comment = findString(observed.fields, "comment");
      return comment ? markerInComment(*comment) : std::nullopt;
    }
    case ResourceKind::Pipeline: return pipelineMarker(observed);
    case ResourceKind::Directory:
    case ResourceKind::Repo:
    case ResourceKind::IngestFile:
    case ResourceKind::PipelineRun:
    case ResourceKind::Volume:
    case ResourceKind::VolumeFile: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string connectionComment(std::string_view userComment, std::string_view deploymentId) {
  std::string marker = std::string(kConnectionMarker) + kDeploymentWord + std::string(deploymentId);
  if (userComment.empty()) return marker;
  return std::string(userComment) + " (" + marker + ")";
}

std::optional<std::string> markerInComment(std::string_view comment) {
  if (auto whole = parseMarker(comment)) return whole;
  // "<user comment> (<marker>)": the marker is the last parenthesised part, exactly.
  if (comment.empty() || comment.back() != ')') return std::nullopt;
  const auto open = comment.rfind(" (");
  if (open == std::string_view::npos) return std::nullopt;
  return parseMarker(comment.substr(open + 2, comment.size() - open - 3));
}

std::string toolRoot(std::string_view userName) {
  return "/Users/" + std::string(userName) + "/.lakeflow_community_connectors";
}

std::string legacyLockPath(std::string_view root) { return std::string(root) + "/.community-connector/apply.lock"; }

std::string legacyFingerprintStorePath(std::string_view root) {
  return std::string(root) + "/.community-connector/fingerprints.json";
}

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

Owner ownerOf(const ObservedResource& observed, const OwnershipScope& scope) {
  if (!observed.exists || observed.key.kind == ResourceKind::PipelineRun) return {};
  if (auto marker = markerOf(observed); marker && !marker->empty()) {
    if (*marker == scope.deploymentId) return {OwnerKind::This, {}};
    return {OwnerKind::Other, *marker};
  }
  if (scope.record.count(observed.key)) return {OwnerKind::This, {}};
  if (markerOf(observed)) return {OwnerKind::Legacy, {}};
  // Connections adopted by an earlier release are marked by their fingerprint record.
  const auto& fp = observed.fingerprints;
  if (observed.key.kind == ResourceKind::Connection && fp.is_object() && fp.value("adopted", false))
    return {OwnerKind::Legacy, {}};
  return {};
}

bool carriesMarker(const ObservedResource& observed) { return observed.exists && markerOf(observed).has_value(); }

}  // namespace cc::engine
