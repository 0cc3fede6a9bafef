// Git folders: a repo is a REPO node in the workspace tree whose object_id is the repo id; its
// "checkout" is a fixed set of root files plus the folders of its layout (repo_layout.h) that
// the sparse patterns select; head_commit_id is a stable fake SHA-1 of (url, branch or tag).
#include <algorithm>

#include "emulator/ascii_case.h"
#include "emulator/base64.h"
#include "emulator/digest.h"
#include "emulator/handlers.h"
#include "emulator/page_token.h"
#include "emulator/repo_layout.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"
#include "emulator/workspace_tree.h"

namespace cc::emulator {

namespace {

constexpr size_t kReposPageSize = 20;
const std::vector<std::string> kProviders = {"gitHub", "bitbucketCloud", "gitLab", "azureDevOpsServices",
                                             "gitHubEnterprise", "bitbucketServer",
                                             "gitLabEnterpriseEdition", "awsCodeCommit"};
// What a checkout holds at its root (the files the original tool deletes after cloning).
const std::vector<std::string> kCheckoutFiles = {"README.md", "CONTRIBUTING.md", "CLAUDE.md", "NOTICE",
                                                 "pyproject.toml"};

std::string commitId(const std::string& url, const std::string& ref) { return sha1Hex(url + "\n" + ref); }

nlohmann::json repoJson(const Repo& repo, bool withCliFlag) {
  nlohmann::json out = {{"id", repo.id}, {"path", repo.path}, {"url", repo.url},
                        {"provider", repo.provider}, {"head_commit_id", repo.headCommitId}};
  if (!repo.branch.empty()) out["branch"] = repo.branch;
  if (repo.sparseEnabled) out["sparse_checkout"] = {{"patterns", repo.sparsePatterns}};
  if (withCliFlag) out["git_cli_enabled"] = false;
  return out;
}

std::optional<std::string> providerFor(const std::string& given, const std::string& url) {
  if (!given.empty()) {
    for (const std::string& known : kProviders) {
      if (lowerAscii(known) == lowerAscii(given)) return given;
    }
    return std::nullopt;
  }
  if (url.find("github.com") != std::string::npos) return std::string("gitHub");
  if (url.find("gitlab.com") != std::string::npos) return std::string("gitLab");
  if (url.find("bitbucket.org") != std::string::npos) return std::string("bitbucketCloud");
  if (url.find("dev.azure.com") != std::string::npos) return std::string("azureDevOpsServices");
  return std::nullopt;
}

void addNode(WorkspaceState& state, const std::string& path, const std::string& type, int64_t id) {
  WorkspaceObject node;
  node.type = type;
  node.objectId = id != 0 ? id : state.newObjectId();
  node.createdAt = node.modifiedAt = state.nowMs();
  if (type == "FILE") {
    const std::string text = "# " + baseName(path) + " (workspace-emulator checkout)\n";
    node.contentB64 = base64Encode(text);
    node.size = static_cast<int64_t>(text.size());
  }
  state.data().objects[path] = node;
}

std::string checkedOutRef(const Repo& repo) { return repo.branch.empty() ? repo.tag : repo.branch; }

// Fills the repo folder with what its layout (--repo-layout for its URL and ref) and sparse
// patterns bring: the root files and the matching folders.
void checkOut(WorkspaceState& state, const Repo& repo) {
  for (const std::string& file : kCheckoutFiles) addNode(state, repo.path + "/" + file, "FILE", 0);
  const std::string layout = repoLayoutFor(state.options().repoLayouts, repo.url, checkedOutRef(repo));
  for (const std::string& dir : checkoutDirectories(layout, repo.sparseEnabled, repo.sparsePatterns)) {
    std::string current = repo.path;
    for (const std::string& segment : splitPath(dir)) {
      current += "/" + segment;
      if (!state.data().objects.count(current)) addNode(state, current, "DIRECTORY", 0);
    }
  }
}

// Emulator choice: switching to a ref of another layout re-materialises the folder as a fresh
// checkout of that ref (the old layout's folders, and files put under the repo, are gone).
void switchLayoutIfNeeded(WorkspaceState& state, const Repo& repo, const std::string& previousLayout) {
  if (repoLayoutFor(state.options().repoLayouts, repo.url, checkedOutRef(repo)) == previousLayout) return;
  for (const std::string& child : childPaths(state.data(), repo.path)) removeSubtree(state.data(), child);
  checkOut(state, repo);
}

HttpResponse createRepo(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  const std::string url = body->value("url", "");
  if (url.empty()) return invalidParameter("Git repository URL missing for project");
  auto provider = providerFor(body->value("provider", ""), url);
  if (!provider) return invalidParameter("Invalid Git provider '" + body->value("provider", "") + "'");
  std::vector<std::string> patterns;
  const bool sparse = body->contains("sparse_checkout") && !(*body)["sparse_checkout"].is_null();
  if (sparse) {
    const auto& value = (*body)["sparse_checkout"];
    if (!value.is_object() || !value.value("patterns", nlohmann::json::array()).is_array()) {
      return invalidParameter("sparse_checkout must be {\"patterns\": [...]}");
    }
    for (const auto& pattern : value.value("patterns", nlohmann::json::array())) {
      if (!pattern.is_string() || pattern.get<std::string>().empty() || pattern.get<std::string>()[0] == '/') {
        return invalidParameter("Sparse checkout patterns must be non-empty cone patterns without a leading '/'");
      }
      patterns.push_back(pattern);
    }
  }
  std::string repoName = url.substr(url.find_last_of('/') + 1);
  if (repoName.size() > 4 && repoName.substr(repoName.size() - 4) == ".git") repoName.resize(repoName.size() - 4);
  const std::string shown = body->value("path", "/Repos/" + request.caller + "/" + repoName);
  auto path = normalizeWorkspacePath(shown);
  if (!path || *path == "/") return invalidParameter("Invalid repo path '" + shown + "'");
  if (path->rfind("/Repos/", 0) == 0 && std::count(path->begin(), path->end(), '/') != 3) {
    return invalidParameter("Repo path " + shown + " must be of the form /Repos/{folder}/{repo-name}");
  }

  auto lock = state.lock();
  auto& data = state.data();
  if (data.objects.count(*path)) {
    return errorResponse(400, "RESOURCE_ALREADY_EXISTS",
                         "Repo " + shown + " already exists. If you would like to create two repos from the "
                         "same remote Git repo, rename the first one and try again.");
  }
  const std::string parent = parentPath(*path);
  if (parent.rfind("/Repos/", 0) == 0 && !data.objects.count(parent)) addNode(state, parent, "DIRECTORY", 0);
  auto parentIt = data.objects.find(parent);
  if (parentIt == data.objects.end() || !isContainer(parentIt->second)) {
    return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "Path (" + parentPath(shown) + ") doesn't exist.");
  }
  Repo repo;
  repo.id = state.newObjectId();
  repo.path = *path;
  repo.url = url;
  repo.provider = *provider;
  repo.branch = "main";
  repo.headCommitId = commitId(url, "main");
  repo.sparseEnabled = sparse;
  repo.sparsePatterns = patterns;
  addNode(state, *path, "REPO", repo.id);
  checkOut(state, repo);
  data.repos[repo.id] = repo;
  state.commit();
  return jsonResponse(200, repoJson(repo, false));
}

Repo* findRepo(HttpRequest& request, WorkspaceState& state) {
  const std::string& id = request.params["repo_id"];
  if (id.empty() || id.size() > 19 || id.find_first_not_of("0123456789") != std::string::npos) return nullptr;
  auto it = state.data().repos.find(std::stoll(id));
  return it == state.data().repos.end() ? nullptr : &it->second;
}

HttpResponse repoNotFound(HttpRequest& request) {
  return errorResponse(404, "RESOURCE_DOES_NOT_EXIST", "Repo " + request.params["repo_id"] + " does not exist.");
}

HttpResponse getRepo(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  Repo* repo = findRepo(request, state);
  if (repo == nullptr) return repoNotFound(request);
  return jsonResponse(200, repoJson(*repo, true));
}

HttpResponse updateRepo(HttpRequest& request, WorkspaceState& state) {
  auto body = parseJsonBody(request.body);
  if (!body) return malformedBodyResponse();
  const bool hasBranch = body->contains("branch") && (*body)["branch"].is_string();
  const bool hasTag = body->contains("tag") && (*body)["tag"].is_string();
  if (hasBranch && hasTag) return invalidParameter("Only one of branch and tag may be given");
  auto lock = state.lock();
  Repo* repo = findRepo(request, state);
  if (repo == nullptr) return repoNotFound(request);
  if (body->contains("sparse_checkout") && !(*body)["sparse_checkout"].is_null()) {
    if (!repo->sparseEnabled) {
      return invalidParameter("Sparse checkout is not enabled for repo " + std::to_string(repo->id) +
                     "; it can only be enabled when the repo is created");
    }
    const auto patterns = (*body)["sparse_checkout"].value("patterns", nlohmann::json::array());
    repo->sparsePatterns.clear();
    for (const auto& pattern : patterns) {
      if (pattern.is_string()) repo->sparsePatterns.push_back(pattern);
    }
  }
  const std::string previousLayout = repoLayoutFor(state.options().repoLayouts, repo->url, checkedOutRef(*repo));
  if (hasBranch) {
    repo->branch = (*body)["branch"];
    repo->tag.clear();
    repo->headCommitId = commitId(repo->url, repo->branch);
  } else if (hasTag) {
    repo->tag = (*body)["tag"];
    repo->branch.clear();  // detached HEAD
    repo->headCommitId = commitId(repo->url, "tag:" + repo->tag);
  }
  switchLayoutIfNeeded(state, *repo, previousLayout);
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

HttpResponse removeRepo(HttpRequest& request, WorkspaceState& state) {
  auto lock = state.lock();
  Repo* repo = findRepo(request, state);
  if (repo == nullptr) return repoNotFound(request);
  removeSubtree(state.data(), repo->path);
  state.commit();
  return jsonResponse(200, nlohmann::json::object());
}

HttpResponse listRepos(HttpRequest& request, WorkspaceState& state) {
  std::string prefix = request.queryValue("path_prefix").value_or("");
  if (!prefix.empty()) prefix = normalizeWorkspacePath(prefix).value_or(prefix);
  if (prefix.empty() || prefix == "/") prefix = "/Repos";  // as the API: no prefix lists /Repos
  const auto cursor = pageCursorFromQuery(request, "next_page_token");
  if (!cursor) return invalidParameter("Invalid next_page_token");
  auto lock = state.lock();
  std::vector<const Repo*> matching;
  for (const auto& [id, repo] : state.data().repos) {
    if (repo.path.compare(0, prefix.size(), prefix) == 0) matching.push_back(&repo);
  }
  std::sort(matching.begin(), matching.end(), [](const Repo* a, const Repo* b) { return a->path < b->path; });
  const size_t end = std::min(matching.size(), cursor->offset + kReposPageSize);
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = cursor->offset; i < end; ++i) items.push_back(repoJson(*matching[i], false));
  nlohmann::json body = nlohmann::json::object();
  if (!items.empty()) body["repos"] = items;
  if (end < matching.size()) body["next_page_token"] = encodePageToken(PageCursor{end, false});
  return jsonResponse(200, body);
}

}  // namespace

void registerReposRoutes(Router& router, WorkspaceState& state) {
  const std::string base = "/api/2.0/repos";
  const std::string item = base + "/{repo_id}";
  router.add("POST", base, "repos", [&state](HttpRequest& r) { return createRepo(r, state); });
  router.add("GET", base, "repos", [&state](HttpRequest& r) { return listRepos(r, state); });
  router.add("GET", item, "repos", [&state](HttpRequest& r) { return getRepo(r, state); });
  router.add("PATCH", item, "repos", [&state](HttpRequest& r) { return updateRepo(r, state); });
  router.add("DELETE", item, "repos", [&state](HttpRequest& r) { return removeRepo(r, state); });
}

}  // namespace cc::emulator
