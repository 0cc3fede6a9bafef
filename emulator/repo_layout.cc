#include "emulator/repo_layout.h"

#include <algorithm>

#include "emulator/ascii_case.h"
#include "emulator/router.h"

namespace cc::emulator {

namespace {

const std::string kSrcPackage = "src/databricks/labs/community_connector/";

// The folders each layout holds; `*` stands for any source name (every source exists).
std::vector<std::string> layoutFolders(const std::string& layout) {
  if (layout == "src") {
    return {kSrcPackage + "libs", kSrcPackage + "interface", kSrcPackage + "pipeline", kSrcPackage + "sparkpds",
            kSrcPackage + "sources/*"};
  }
  return {"libs", "pipeline", "sources/*"};
}

std::string normalizedUrl(std::string url) {
  url = lowerAscii(url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() > 4 && url.compare(url.size() - 4, 4, ".git") == 0) url.resize(url.size() - 4);
  return url;
}

bool segmentMatches(const std::string& folder, const std::string& pattern) {
  return folder == "*" || folder == pattern;
}

// The part of one layout folder a cone pattern brings into the checkout; "" for none.
std::string coneOverlap(const std::vector<std::string>& folder, const std::vector<std::string>& pattern,
                        const std::string& patternText) {
  const size_t common = std::min(folder.size(), pattern.size());
  for (size_t i = 0; i < common; ++i) {
    if (!segmentMatches(folder[i], pattern[i])) return "";
  }
  if (pattern.size() >= folder.size()) return patternText;  // inside the folder: all of it exists
  std::string prefix;  // above the folder: the folder comes along, up to any `*`
  for (const std::string& segment : folder) {
    if (segment == "*") break;
    prefix += (prefix.empty() ? "" : "/") + segment;
  }
  return prefix;
}

}  // namespace

std::string parseRepoLayoutRule(const std::string& text, RepoLayoutRule& rule) {
  const size_t equals = text.rfind('=');
  rule = RepoLayoutRule{};
  rule.layout = equals == std::string::npos ? text : text.substr(equals + 1);
  if (rule.layout != "legacy" && rule.layout != "src") {
    return "--repo-layout '" + text + "' must be legacy, src or URL[@BRANCH]=legacy|src";
  }
  if (equals == std::string::npos) return "";
  const std::string target = text.substr(0, equals);
  const size_t at = target.rfind('@');
  const size_t slash = target.rfind('/');
  const bool hasBranch = at != std::string::npos && (slash == std::string::npos || at > slash);
  rule.url = hasBranch ? target.substr(0, at) : target;
  rule.branch = hasBranch ? target.substr(at + 1) : "";
  if (rule.url.empty() || (hasBranch && rule.branch.empty())) {
    return "--repo-layout '" + text + "' must be legacy, src or URL[@BRANCH]=legacy|src";
  }
  return "";
}

std::string repoLayoutFor(const std::vector<RepoLayoutRule>& rules, const std::string& url, const std::string& ref) {
  std::string layout = "legacy";
  int best = 0;  // 1: default rule, 2: URL rule, 3: URL and branch rule; later rules win ties
  for (const RepoLayoutRule& rule : rules) {
    int rank = 1;
    if (!rule.url.empty()) {
      if (normalizedUrl(rule.url) != normalizedUrl(url)) continue;
      if (!rule.branch.empty() && rule.branch != ref) continue;
      rank = rule.branch.empty() ? 2 : 3;
    }
    if (rank >= best) {
      best = rank;
      layout = rule.layout;
    }
  }
  return layout;
}

std::vector<std::string> checkoutDirectories(const std::string& layout, bool sparse,
                                             const std::vector<std::string>& patterns) {
  std::vector<std::string> directories;
  auto add = [&directories](const std::string& path) {
    if (!path.empty() && std::find(directories.begin(), directories.end(), path) == directories.end()) {
      directories.push_back(path);
    }
  };
  for (const std::string& folder : layoutFolders(layout)) {
    if (!sparse) add(coneOverlap(splitPath(folder), {}, ""));
    for (const std::string& pattern : sparse ? patterns : std::vector<std::string>{}) {
      add(coneOverlap(splitPath(folder), splitPath(pattern), pattern));
    }
  }
  return directories;
}

}  // namespace cc::emulator
