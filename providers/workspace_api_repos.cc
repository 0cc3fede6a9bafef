// WorkspaceApi: Git folders (repos) and Unity Catalog connections.
#include "providers/workspace_api.h"

namespace cc::providers {
namespace {

RepoInfo repoFrom(const nlohmann::json& j) {
  RepoInfo r;
  r.id = j.value("id", std::int64_t{0});
  r.path = stripWorkspacePrefix(j.value("path", ""));
  r.url = j.value("url", "");
  r.provider = j.value("provider", "");
  r.branch = j.value("branch", "");
  r.headCommitId = j.value("head_commit_id", "");
  if (j.contains("sparse_checkout") && j["sparse_checkout"].is_object() && j["sparse_checkout"].contains("patterns"))
    for (const auto& p : j["sparse_checkout"]["patterns"])
      if (p.is_string()) r.sparsePatterns.push_back(p.get<std::string>());
  return r;
}

}  // namespace

ApiResult<RepoInfo> WorkspaceApi::createRepo(const nlohmann::json& body) {
  const std::string path = body.value("path", "");
  for (int attempt = 1;; ++attempt) {
    auto r = call({"POST", "/api/2.0/repos", {}, body, RetrySafety::NotIdempotent});
    if (r) return repoFrom(r.value());
    if (!r.error().outcomeUnknown() || path.empty() || attempt >= kCreateTries) return r.error();
    // The create may have happened, or happened in part; look before resending.
    auto found = findRepoByPath(path);
    if (found && found->has_value()) return **found;
    if (!found) return found.error();
  }
}

ApiResult<RepoInfo> WorkspaceApi::getRepo(std::int64_t id) {
  auto r = call({"GET", "/api/2.0/repos/" + std::to_string(id), {}, {}, {}});
  if (!r) return r.error();
  return repoFrom(r.value());
}

ApiStatus WorkspaceApi::updateRepo(std::int64_t id, const nlohmann::json& body) {
  auto r = call({"PATCH", "/api/2.0/repos/" + std::to_string(id), {}, body, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiStatus WorkspaceApi::deleteRepo(std::int64_t id) {
  auto r = call({"DELETE", "/api/2.0/repos/" + std::to_string(id), {}, {}, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiResult<std::vector<RepoInfo>> WorkspaceApi::listRepos(const std::string& pathPrefix) {
  ApiCall c{"GET", "/api/2.0/repos", {}, {}, {}};
  if (!pathPrefix.empty()) c.query.emplace_back("path_prefix", pathPrefix);
  auto items = paged(c, "next_page_token", "repos");
  if (!items) return items.error();
  std::vector<RepoInfo> out;
  for (const auto& j : items.value()) out.push_back(repoFrom(j));
  return out;
}

ApiResult<std::optional<RepoInfo>> WorkspaceApi::findRepoByPath(const std::string& path) {
  auto status = findStatus(path);
  if (!status) return status.error();
  if (!status->has_value() || (*status)->objectType != "REPO") return std::optional<RepoInfo>();
  auto repo = getRepo((*status)->objectId);
  if (!repo) {
    if (repo.error().isNotFound()) return std::optional<RepoInfo>();
    return repo.error();
  }
  return std::optional<RepoInfo>(repo.value());
}

ApiResult<nlohmann::json> WorkspaceApi::createConnection(const nlohmann::json& body) {
  const std::string name = body.value("name", "");
  for (int attempt = 1;; ++attempt) {
    auto r = call({"POST", "/api/2.1/unity-catalog/connections", {}, body, RetrySafety::NotIdempotent});
    if (r) return r;
    if (!r.error().outcomeUnknown() || attempt >= kCreateTries) return r;
    auto found = getConnection(name);
    if (found) return found;
    if (!found.error().isNotFound()) return found.error();
  }
}

ApiResult<nlohmann::json> WorkspaceApi::getConnection(const std::string& name) {
  return call({"GET", "/api/2.1/unity-catalog/connections/" + encodePathSegment(name), {}, {}, {}});
}

ApiResult<nlohmann::json> WorkspaceApi::updateConnection(const std::string& name, const nlohmann::json& body) {
  return call({"PATCH", "/api/2.1/unity-catalog/connections/" + encodePathSegment(name), {}, body, {}});
}

ApiStatus WorkspaceApi::deleteConnection(const std::string& name) {
  auto r = call({"DELETE", "/api/2.1/unity-catalog/connections/" + encodePathSegment(name), {}, {}, {}});
  if (!r) return r.error();
  return apiOk();
}

ApiResult<std::vector<nlohmann::json>> WorkspaceApi::listConnections(int pageSize) {
  return paged({"GET", "/api/2.1/unity-catalog/connections", {{"max_results", std::to_string(pageSize)}}, {}, {}},
               "page_token", "connections");
}

}  // namespace cc::providers
