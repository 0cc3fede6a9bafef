#include "providers/repo_provider.h"

#include "engine/ownership.h"
#include "providers/provider_support.h"

namespace cc::providers {
namespace {

constexpr std::size_t kParallel = 8;

engine::ObservedResource fromRepo(const engine::ResourceKey& key, const RepoInfo& r) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  o.fields = {{"url", r.url}, {"path", key.name}, {"provider", r.provider}, {"branch", r.branch},
              {"head_commit_id", r.headCommitId}, {"id", r.id}};
  if (!r.sparsePatterns.empty()) o.fields["sparse_checkout"] = {{"patterns", r.sparsePatterns}};
  o.remoteId = std::to_string(r.id);
  o.version = r.headCommitId + "@" + r.branch;
  return o;
}

}  // namespace

engine::Result<std::vector<engine::ObservedResource>> RepoProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  auto results = parallelMap<ApiResult<std::optional<RepoInfo>>>(
      keys.size(), kParallel, [&](std::size_t i) { return api_->findRepoByPath(keys[i].name); });
  std::vector<engine::ObservedResource> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!results[i]) return toDiagnostics(results[i].error());
    out.push_back(results[i]->has_value() ? fromRepo(keys[i], **results[i]) : missing(keys[i]));
  }
  return out;
}

engine::Result<engine::ObservedResource> RepoProvider::create(const engine::DesiredResource& desired) {
  // The original tool's sequence (original-tool §1.1 step 6), one engine action.
  const auto& f = desired.fields;
  nlohmann::json body{{"url", f.value("url", "")}};
  if (f.contains("provider") && !f["provider"].is_null()) body["provider"] = f["provider"];
  body["path"] = desired.key.name;
  if (f.contains("sparse_checkout") && !f["sparse_checkout"].value("patterns", nlohmann::json::array()).empty())
    body["sparse_checkout"] = {{"patterns", f["sparse_checkout"]["patterns"]}};
  auto created = api_->createRepo(body);
  if (!created) return toDiagnostics(created.error());
  RepoInfo repo = created.value();
  const std::string branch = f.value("branch", "");
  if (!branch.empty() && repo.id != 0) {
    if (auto patched = api_->updateRepo(repo.id, {{"branch", branch}}); !patched) return toDiagnostics(patched.error());
    auto got = api_->getRepo(repo.id);
    if (!got) return toDiagnostics(got.error());
    repo = got.value();
  }
  const std::string repoPath = repo.path.empty() ? desired.key.name : repo.path;
  for (const auto& file : desired.inputs.value("exclude_root_files", nlohmann::json::array())) {
    if (!file.is_string()) continue;
    auto deleted = api_->deletePath(repoPath + "/" + file.get<std::string>(), false);
    if (!deleted && !deleted.error().isNotFound()) return toDiagnostics(deleted.error());
  }
  return fromRepo(desired.key, repo);
}

engine::Result<engine::ObservedResource> RepoProvider::update(const engine::DesiredResource& desired,
                                                              const engine::ObservedResource& current,
                                                              const std::vector<std::string>&) {
  // Only the branch can change in place; url, provider and sparse checkout force a replace.
  const std::int64_t id = std::stoll(current.remoteId.empty() ? "0" : current.remoteId);
  const std::string branch = desired.fields.value("branch", "");
  if (!branch.empty())
    if (auto patched = api_->updateRepo(id, {{"branch", branch}}); !patched) return toDiagnostics(patched.error());
  auto got = api_->getRepo(id);
  if (!got) return toDiagnostics(got.error());
  return fromRepo(desired.key, got.value());
}

engine::Status RepoProvider::remove(const engine::ObservedResource& current) {
  const std::int64_t id = std::stoll(current.remoteId.empty() ? "0" : current.remoteId);
  auto r = api_->deleteRepo(id);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

engine::Result<std::vector<engine::ObservedResource>> RepoProvider::listOwned(const std::string& root) {
  auto repos = api_->listRepos(root);
  if (!repos) return toDiagnostics(repos.error());
  std::vector<engine::ObservedResource> out;
  for (const auto& r : repos.value())
    if (engine::isUnder(r.path, root)) out.push_back(fromRepo({engine::ResourceKind::Repo, r.path}, r));
  return out;
}

}  // namespace cc::providers
