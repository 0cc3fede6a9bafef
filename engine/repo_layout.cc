#include "engine/repo_layout.h"

namespace cc::engine {

std::string repoLayoutName(RepoLayout layout) { return layout == RepoLayout::Src ? "src" : "legacy"; }

std::optional<RepoLayout> parseRepoLayout(const std::string& text) {
  if (text == "legacy") return RepoLayout::Legacy;
  if (text == "src") return RepoLayout::Src;
  return std::nullopt;
}

std::vector<std::string> layoutSparsePatterns(RepoLayout layout) {
  if (layout == RepoLayout::Legacy) return {"libs", "pipeline", "sources/{SOURCE_NAME}"};
  const std::string p = std::string(kSrcPackageFolder) + "/";
  return {p + "libs", p + "interface", p + "pipeline", p + "sparkpds", p + "sources/{SOURCE_NAME}"};
}

std::vector<std::string> bothLayoutsSparsePatterns() {
  auto all = layoutSparsePatterns(RepoLayout::Legacy);
  for (auto& p : layoutSparsePatterns(RepoLayout::Src)) all.push_back(std::move(p));
  return all;
}

std::string layoutCodeRoot(RepoLayout layout, const std::string& workspacePath) {
  return layout == RepoLayout::Src ? workspacePath + "/src" : workspacePath;
}

std::string layoutIngestPath(RepoLayout layout, const std::string& workspacePath) {
  return layoutCodeRoot(layout, workspacePath) + "/ingest.py";
}

std::string layoutSpecPath(RepoLayout layout, const std::string& source) {
  const std::string relative = "sources/" + source + "/connector_spec.yaml";
  return layout == RepoLayout::Src ? std::string(kSrcPackageFolder) + "/" + relative : relative;
}

std::string layoutMarker(RepoLayout layout, const std::string& repoPath, const std::string& source) {
  const std::string folder = "sources/" + source;
  return repoPath + "/" + (layout == RepoLayout::Src ? std::string(kSrcPackageFolder) + "/" + folder : folder);
}

Result<std::optional<RepoLayout>> detectRepoLayout(ProviderRegistry& registry, const std::string& repoPath,
                                                   const std::string& source) {
  using R = Result<std::optional<RepoLayout>>;
  const std::string legacy = layoutMarker(RepoLayout::Legacy, repoPath, source);
  const std::string src = layoutMarker(RepoLayout::Src, repoPath, source);
  auto seen = registry.provider(ResourceKind::Directory)
                  .observe({{ResourceKind::Directory, repoPath}, {ResourceKind::Directory, legacy},
                            {ResourceKind::Directory, src}});
  if (!seen) return seen.diagnostics();
  if (seen->size() != 3 || !(*seen)[0].exists) return R(std::optional<RepoLayout>());
  const bool hasLegacy = (*seen)[1].exists, hasSrc = (*seen)[2].exists;
  if (hasLegacy != hasSrc) return R(std::optional<RepoLayout>(hasSrc ? RepoLayout::Src : RepoLayout::Legacy));
  Diagnostics d;
  d.error("cannot tell the layout of the Git folder " + repoPath + ": it holds " +
              std::string(hasSrc ? "both " : "neither ") + legacy + (hasSrc ? " and " : " nor ") + src,
          std::nullopt,
          "check that the repository and branch hold the connector '" + source +
              "', or declare the layout (repo layout: legacy or src)");
  return d;
}

}  // namespace cc::engine
