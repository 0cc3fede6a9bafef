#include "engine/model.h"

#include <algorithm>
#include <set>

#include "engine/connector_spec.h"
#include "engine/content_digest.h"
#include "engine/ingest_template.h"
#include "engine/ownership.h"

namespace cc::engine {
namespace {

using nlohmann::json;

constexpr const char* kConnectionType = "GENERIC_LAKEFLOW_CONNECT";

std::string pointer(std::initializer_list<std::string> parts) {
  json::json_pointer p;
  for (const auto& part : parts) p /= part;
  return p.to_string();
}

const json& member(const json& object, const char* key) {
  static const json kEmpty = json::object();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? kEmpty : *it;
}

std::string stringOr(const json& object, const char* key, std::string fallback = {}) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// {WORKSPACE_PATH} in every string value (not key) of a JSON tree (original-tool §2).
json substituteStrings(const json& value, std::string_view placeholder, const std::string& with) {
  if (value.is_string()) return replaceAll(value.get<std::string>(), placeholder, with);
  if (value.is_array() || value.is_object()) {
    json out = value;
    for (auto& item : out) item = substituteStrings(item, placeholder, with);
    return out;
  }
  return value;
}

// base < overlay without copying when there is nothing to layer (most pipelines).
const json& layered(const json& base, const json& overlay, json& storage) {
  if (overlay.empty()) return base;
  storage = deepMerge(base, overlay);
  return storage;
}

std::string parentOf(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

json stringMap(const json& value) {
  json out = json::object();
  if (!value.is_object()) return out;
  for (auto it = value.begin(); it != value.end(); ++it) {
    out[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
  }
  return out;
}

void buildConnection(const std::string& name, const json& spec, const Manifest& manifest,
                     const json& config, const ModelOptions& options, std::vector<DesiredResource>& out) {
  DesiredResource r;
  r.key = {ResourceKind::Connection, name};
  r.origin = pointer({"connections", name});
  json opts = json::object();
  if (spec.contains("options") && spec["options"].is_object()) {
    for (auto it = spec["options"].begin(); it != spec["options"].end(); ++it) {
      auto secret = manifest.secrets.find(pointer({"connections", name, "options", it.key()}));
      if (secret != manifest.secrets.end()) {
        r.secrets["options." + it.key()] = secret->second;
      } else {
        opts[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
      }
    }
  }
  // The original always adds the allowlist (unless the user gave one) and sets sourceName.
  std::string allow = stringOr(member(config, "connection"), "external_options_allowlist");
  if (options.specAllowlist) {
    if (auto fromSpec = options.specAllowlist(name)) allow = mergeExternalOptionsAllowlist(*fromSpec, allow);
  }
  if (!opts.contains("externalOptionsAllowList") && !r.secrets.count("options.externalOptionsAllowList") &&
      !allow.empty()) {
    opts["externalOptionsAllowList"] = allow;
  }
  const std::string source = stringOr(spec, "source");
  opts["sourceName"] = source;
  r.secrets.erase("options.sourceName");
  const std::string userComment = stringOr(spec, "comment");
  r.fields = {{"name", name}, {"connection_type", kConnectionType}, {"options", std::move(opts)}};
  if (options.markOwnership) {
    r.fields["comment"] = connectionComment(userComment, manifest.deployment.id());
  } else if (!userComment.empty()) {
    r.fields["comment"] = userComment;
  }
  r.inputs["source"] = source;
  out.push_back(std::move(r));
}

}  // namespace

nlohmann::json convertLibraries(const json& libraries, Diagnostics& warnings, const std::string& where) {
  json out = json::array();
  if (!libraries.is_array()) return out;
  for (const auto& lib : libraries) {
    auto pathOf = [](const json& v, const char* inner) -> std::optional<std::string> {
      if (v.is_string()) return v.get<std::string>();
      if (v.is_object() && v.contains(inner) && (*v.find(inner)).is_string()) return (*v.find(inner)).get<std::string>();
      return std::nullopt;
    };
    std::optional<std::string> path;
    const char* kind = "file";
    if (lib.is_object() && lib.contains("notebook")) {
      path = pathOf(lib["notebook"], "path");
      kind = "notebook";
    } else if (lib.is_object() && lib.contains("file")) {
      path = pathOf(lib["file"], "path");
    } else if (lib.is_object() && lib.contains("glob")) {
      path = pathOf(lib["glob"], "include");  // the original turns a glob into a file library
    }
    if (!path) {
      warnings.warning(where + ": library " + lib.dump() + " is not a notebook, file or glob; it is left out");
      continue;
    }
    out.push_back({{kind, {{"path", *path}}}});
  }
  return out;
}

const DesiredResource* DesiredState::find(const ResourceKey& key) const {
  auto it = std::lower_bound(resources.begin(), resources.end(), key,
                             [](const DesiredResource& r, const ResourceKey& k) { return r.key < k; });
  return it != resources.end() && it->key == key ? &*it : nullptr;
}

Result<DesiredState> buildModel(const Manifest& manifest, const WorkspaceContext& context,
                                const BundledData& bundled, const ModelOptions& options) {
  const json& doc = manifest.document;
  DesiredState state;
  state.context = context;
  state.toolRoot = toolRoot(context.userName);
  state.deployment = manifest.deployment;
  Diagnostics errors;
  const json& defaults = member(doc, "defaults");
  const json config = deepMerge(bundled.defaultConfig, defaults);
  const json& connections = member(doc, "connections");
  const json& pipelines = member(doc, "pipelines");
  const json& baseRepo = member(config, "repo");
  const json& basePipeline = member(config, "pipeline");
  const json& defaultsPipeline = member(defaults, "pipeline");

  std::vector<DesiredResource> out;
  for (auto it = connections.begin(); it != connections.end(); ++it) {
    buildConnection(it.key(), *it, manifest, config, options, out);
  }

  std::set<std::string> directories;
  std::set<std::string> external;
  for (auto it = pipelines.begin(); it != pipelines.end(); ++it) {
    const std::string name = it.key();
    const json& p = *it;
    const std::string where = pointer({"pipelines", name});
    const std::string source = stringOr(p, "source");
    const std::string connection = stringOr(p, "connection");
    json repoStore, manifestStore, pipeStore;
    const json& repoCfg = layered(baseRepo, member(p, "repo"), repoStore);
    const json& manifestPipeline = layered(defaultsPipeline, member(p, "pipeline"), manifestStore);
    const json& pipeCfg = layered(basePipeline, member(p, "pipeline"), pipeStore);

    // {SOURCE_NAME}, {PIPELINE_NAME}, {CURRENT_USER}: workspace_path only.
    std::string workspacePath = stringOr(config, "workspace_path");
    workspacePath = replaceAll(workspacePath, "{SOURCE_NAME}", source);
    workspacePath = replaceAll(workspacePath, "{PIPELINE_NAME}", name);
    workspacePath = replaceAll(workspacePath, "{CURRENT_USER}", context.userName);
    while (workspacePath.size() > 1 && workspacePath.back() == '/') workspacePath.pop_back();
    if (workspacePath.empty() || workspacePath.front() != '/') {
      errors.error(where + ": workspace_path \"" + workspacePath + "\" is not an absolute workspace path", std::nullopt,
                   "set defaults.workspace_path to a path such as /Users/{CURRENT_USER}/connectors/{PIPELINE_NAME}");
      continue;
    }
    // A name of "." or "..", say, would turn the pipeline's folder into its parent: every path
    // the tool writes or deletes must be the path it reads as.
    if (const auto normal = normalWorkspacePath(workspacePath); !normal || *normal != workspacePath) {
      errors.error(where + ": the pipeline's workspace path \"" + workspacePath + "\" changes when normalised" +
                       (normal ? " (to \"" + *normal + "\")" : std::string(" (it climbs above /)")),
                   std::nullopt, "use a pipeline name (and source) without '.', '..' or '/' segments");
      continue;
    }

    const std::string parent = parentOf(workspacePath);
    std::vector<ResourceKey> repoDeps;
    if (!parent.empty()) {
      if (directories.insert(parent).second) {
        DesiredResource d;
        d.key = {ResourceKind::Directory, parent};
        d.fields = {{"path", parent}};
        d.origin = where;
        out.push_back(std::move(d));
      }
      repoDeps.push_back({ResourceKind::Directory, parent});
    }

    // Repo: {WORKSPACE_PATH} in path, {SOURCE_NAME} in the sparse checkout patterns.
    std::string repoPath = replaceAll(stringOr(repoCfg, "path", "{WORKSPACE_PATH}"), "{WORKSPACE_PATH}", workspacePath);
    if (repoPath.empty()) repoPath = workspacePath;
    DesiredResource repo;
    repo.key = {ResourceKind::Repo, repoPath};
    repo.origin = where + "/repo";
    repo.fields = {{"url", stringOr(repoCfg, "url")}, {"path", repoPath}};
    if (repoCfg.contains("provider") && repoCfg["provider"].is_string()) repo.fields["provider"] = repoCfg["provider"];
    if (repoCfg.contains("branch") && repoCfg["branch"].is_string() && !repoCfg["branch"].get<std::string>().empty()) {
      repo.fields["branch"] = repoCfg["branch"];
    }
    json patterns = json::array();
    if (repoCfg.contains("sparse_checkout") && repoCfg["sparse_checkout"].is_object()) {
      for (const auto& pat : repoCfg["sparse_checkout"].value("patterns", json::array())) {
        if (pat.is_string()) patterns.push_back(replaceAll(pat.get<std::string>(), "{SOURCE_NAME}", source));
      }
    }
    if (!patterns.empty()) repo.fields["sparse_checkout"] = {{"patterns", patterns}};
    repo.inputs["exclude_root_files"] = repoCfg.value("exclude_root_files", json::array());
    repo.dependsOn = repoDeps;
    const ResourceKey repoKey = repo.key;
    out.push_back(std::move(repo));

    std::vector<ResourceKey> connectionDep;
    if (connections.contains(connection)) {
      connectionDep.push_back({ResourceKind::Connection, connection});
    } else if (!connection.empty()) {
      external.insert(connection);
    }

    // ingest.py lives in the workspace path (inside the repo checkout by default).
    DesiredResource ingest;
    ingest.key = {ResourceKind::IngestFile, workspacePath + "/ingest.py"};
    ingest.origin = where + "/objects";
    const std::string content = renderIngestFile(bundled, source, connection, member(p, "objects"));
    ingest.fields = {{"path", ingest.key.name}, {"content_sha256", sha256Hex(content)}};
    ingest.inputs["content"] = content;
    ingest.inputs["objects"] = member(p, "objects");  // what a plan shows of a content change
    ingest.dependsOn = connectionDep;
    if (isUnder(ingest.key.name, repoPath)) {
      ingest.dependsOn.push_back(repoKey);
    } else if (!parent.empty()) {
      ingest.dependsOn.push_back({ResourceKind::Directory, parent});
    }
    const ResourceKey ingestKey = ingest.key;
    out.push_back(std::move(ingest));

    // Pipeline: exactly the original's create body (original-tool §1.1 step 8) + marker.
    DesiredResource pipe;
    pipe.key = {ResourceKind::Pipeline, name};
    pipe.origin = where;
    json& f = pipe.fields;
    f["name"] = name;
    for (const char* key : {"channel", "continuous", "development", "serverless", "photon", "edition"}) {
      if (pipeCfg.contains(key) && !pipeCfg[key].is_null()) f[key] = pipeCfg[key];
    }
    std::string catalog = p.contains("catalog") ? stringOr(p, "catalog") : stringOr(pipeCfg, "catalog");
    if (!catalog.empty()) f["catalog"] = catalog;
    std::string target = stringOr(p, "schema");
    if (target.empty()) target = stringOr(manifestPipeline, "target");
    if (target.empty()) target = stringOr(manifestPipeline, "schema");  // the bundled `schema` stays unread
    if (target.empty()) target = source;
    f["target"] = target;
    const std::string rootPath = replaceAll(stringOr(pipeCfg, "root_path"), "{WORKSPACE_PATH}", workspacePath);
    if (!rootPath.empty()) f["root_path"] = rootPath;
    json configuration = stringMap(pipeCfg.value("configuration", json::object()));
    if (options.markOwnership) {
      configuration[std::string(kPipelineMarkerKey)] = kPipelineMarkerValue;
      configuration[std::string(kPipelineDeploymentKey)] = manifest.deployment.id();
    }
    if (!configuration.empty()) f["configuration"] = configuration;
    json libraries = convertLibraries(substituteStrings(pipeCfg.value("libraries", json::array()), "{WORKSPACE_PATH}", workspacePath),
                                      state.warnings, where + "/pipeline/libraries");
    if (!libraries.empty()) f["libraries"] = libraries;
    for (const char* key : {"notifications", "tags"}) {
      if (manifestPipeline.contains(key) && !manifestPipeline[key].is_null()) f[key] = manifestPipeline[key];
    }
    pipe.dependsOn = connectionDep;
    pipe.dependsOn.push_back(ingestKey);
    pipe.dependsOn.push_back(repoKey);
    out.push_back(std::move(pipe));

    const json& run = member(p, "run");
    if (run.value("after_apply", false)) {
      DesiredResource r;
      r.key = {ResourceKind::PipelineRun, name};
      r.origin = where + "/run";
      r.inputs = {{"full_refresh", run.value("full_refresh", false)}, {"wait", run.value("wait", false)}};
      r.dependsOn = {{ResourceKind::Pipeline, name}};
      out.push_back(std::move(r));
    }
  }
  if (errors.hasErrors()) return errors;

  std::sort(out.begin(), out.end(), [](const DesiredResource& a, const DesiredResource& b) { return a.key < b.key; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].key == out[i - 1].key) {
      errors.error("two manifest entries both define " + out[i].key.display(), std::nullopt,
                   "give each pipeline its own workspace_path or repo path");
    }
  }
  if (errors.hasErrors()) return errors;
  for (auto& r : out) {
    std::sort(r.dependsOn.begin(), r.dependsOn.end());
    r.dependsOn.erase(std::unique(r.dependsOn.begin(), r.dependsOn.end()), r.dependsOn.end());
  }
  state.resources = std::move(out);
  state.externalConnections.assign(external.begin(), external.end());
  return state;
}

}  // namespace cc::engine
