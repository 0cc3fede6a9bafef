// RepoProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include <map>
#include <optional>

#include "providers/provider_support.h"

namespace cc::providers {
namespace {

// From this many repos under one folder (a manifest's pipelines), one paged listing of the
// folder replaces a get-status and a GET per repo.
constexpr std::size_t kListFrom = 8;

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

template <>
engine::Result<std::vector<engine::ObservedResource>> RepoProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  std::map<std::string, std::vector<std::size_t>> byFolder;
  for (std::size_t i = 0; i < keys.size(); ++i) byFolder[keys[i].name.substr(0, keys[i].name.rfind('/') + 1)].push_back(i);
  std::vector<std::optional<engine::ObservedResource>> found(keys.size());
  std::vector<std::size_t> oneByOne;
  for (const auto& [folder, members] : byFolder) {
    if (members.size() < kListFrom || folder.size() <= 1) {
      oneByOne.insert(oneByOne.end(), members.begin(), members.end());
      continue;
    }
    auto listed = api_->listRepos(folder);
    if (!listed) return toDiagnostics(listed.error());
    std::map<std::string, const RepoInfo*> byPath;
    for (const auto& repo : listed.value()) byPath[repo.path] = &repo;
    for (std::size_t i : members) {
      auto it = byPath.find(keys[i].name);
      found[i] = it != byPath.end() ? fromRepo(keys[i], *it->second) : missing(keys[i]);
    }
  }
  auto results = parallelMap<ApiResult<std::optional<RepoInfo>>>(
      oneByOne.size(), api_->readParallelism(), [&](std::size_t j) { return api_->findRepoByPath(keys[oneByOne[j]].name); });
  for (std::size_t j = 0; j < oneByOne.size(); ++j) {
    if (!results[j]) return toDiagnostics(results[j].error());
    const std::size_t i = oneByOne[j];
    found[i] = results[j]->has_value() ? fromRepo(keys[i], **results[j]) : missing(keys[i]);
  }
  std::vector<engine::ObservedResource> out;
  out.reserve(keys.size());
  for (auto& o : found) out.push_back(std::move(*o));
  return out;
}

template <>
engine::Result<engine::ObservedResource> RepoProvider::create(const engine::DesiredResource& desired) {
  // The original tool's create sequence, as one engine action.
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

template <>
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

template <>
engine::Status RepoProvider::remove(const engine::ObservedResource& current) {
  const std::int64_t id = std::stoll(current.remoteId.empty() ? "0" : current.remoteId);
  auto r = api_->deleteRepo(id);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

// Repos, folders and ingest files carry no marker: the deployment's record names them.
template <>
engine::Result<std::vector<engine::ObservedResource>> RepoProvider::listMarked() { return std::vector<engine::ObservedResource>{}; }

}  // namespace cc::providers
