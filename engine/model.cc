#include "engine/model.h"

#include <algorithm>
#include <optional>
#include <set>

#include "engine/connector_spec.h"
#include "engine/content_digest.h"
#include "engine/ingest_template.h"
#include "engine/json_fields.h"
#include "engine/managed_pipeline_model.h"
#include "engine/manifest_connection_auth.h"
#include "engine/ownership.h"

namespace cc::engine {
namespace {

using nlohmann::json;


std::string pointer(std::initializer_list<std::string> parts) {
  json::json_pointer p;
  for (const auto& part : parts) p /= part;
  return p.to_string();
}

// {WORKSPACE_PATH} in every string value (not key) of a JSON tree.
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

// The auth block's stored keys (secrets stay secrets), the spec's OAuth defaults and
// community_oauth_flow as options; what the browser flow needs as inputs.
void addAuthOptions(const std::string& name, const json& spec, const Manifest& manifest, const ConnectionAuth& auth,
                    json& opts, DesiredResource& r) {
  const json& block = memberOrEmpty(spec, "auth");
  for (const auto& key : authStoredKeys()) {
    const std::string* value = findString(block, key);
    if (!value) continue;
    auto secret = manifest.secrets.find(pointer({"connections", name, "auth", key}));
    if (secret != manifest.secrets.end()) r.secrets["options." + key] = secret->second;
    else opts[key] = *value;
  }
  for (const auto& [key, value] : auth.added) opts[key] = value;
  if (auth.mode != ConnectionAuthMode::Static) r.inputs["oauth"] = authFlowInputs(auth);
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
  std::string allow = stringOf(memberOrEmpty(config, "connection"), "external_options_allowlist");
  if (options.specAllowlist) {
    if (auto fromSpec = options.specAllowlist(name)) allow = mergeExternalOptionsAllowlist(*fromSpec, allow);
  }
  if (!opts.contains("externalOptionsAllowList") && !r.secrets.count("options.externalOptionsAllowList") &&
      !allow.empty()) {
    opts["externalOptionsAllowList"] = allow;
  }
  const std::string source = stringOf(spec, "source");
  opts["sourceName"] = source;
  r.secrets.erase("options.sourceName");
  const std::string userComment = stringOf(spec, "comment");
  std::string type = stringOf(spec, "type");
  if (auto auth = manifest.connectionAuth.find(name); auth != manifest.connectionAuth.end()) {
    addAuthOptions(name, spec, manifest, auth->second, opts, r);
    if (type.empty() && auth->second.mode != ConnectionAuthMode::Static) type = kCommunityConnectionType;
  }
  r.fields = {{"name", name},
              {"connection_type", type.empty() ? std::string(kLakeflowConnectionType) : type},
              {"options", std::move(opts)}};
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

namespace {

// What every resource of one manifest pipeline is built from: the manifest entry and the
// configuration layered for it (bundled < defaults < the pipeline's own).
struct PipelineInputs {
  std::string name, where, source, connection;
  const json* entry = nullptr;
  json repoStore, manifestStore, pipeStore;
  const json* repoCfg = nullptr;           // repo settings
  const json* manifestPipeline = nullptr;  // defaults.pipeline < the entry's pipeline (no bundled layer)
  const json* pipeCfg = nullptr;           // bundled pipeline < the entry's pipeline
  std::string workspacePath, parent, repoPath;
  std::vector<ResourceKey> connectionDep;
  RepoLayout layout = RepoLayout::Legacy;
};

// The repo's `layout`, else what `detectLayout` reads from the Git folder, else legacy. A
// folder that does not exist yet cannot be read, so the plan could not say what it creates:
// an error that asks for the declaration.
std::optional<RepoLayout> layoutOf(const PipelineInputs& in, const ModelOptions& options, Diagnostics& errors) {
  if (auto declared = parseRepoLayout(stringOf(*in.repoCfg, "layout"))) return declared;
  if (!options.detectLayout) return RepoLayout::Legacy;
  auto detected = options.detectLayout(in.repoPath, in.source);
  if (!detected) {
    for (const auto& d : detected.diagnostics().items())
      errors.error(in.where + "/repo: " + d.summary, std::nullopt, d.detail);
    return std::nullopt;
  }
  if (*detected) return **detected;
  errors.error(in.where + "/repo: the Git folder " + in.repoPath +
                   " does not exist yet, so its layout (legacy or src) cannot be read before it is checked out",
               std::nullopt, "declare it in the pipeline's repo block: `layout: src` (today's repository) or `layout: legacy`");
  return std::nullopt;
}

// The src layout moves what the bundled defaults place for the legacy one: the sparse patterns,
// root_path and the ingest.py library. Values the configuration overrides stay as written.
void applyLayoutDefaults(PipelineInputs& in, const BundledData& bundled) {
  if (in.layout == RepoLayout::Legacy) return;
  const json& bundledRepo = memberOrEmpty(bundled.defaultConfig, "repo");
  const json& bundledPipe = memberOrEmpty(bundled.defaultConfig, "pipeline");
  const json patterns = memberOrEmpty(memberOrEmpty(*in.repoCfg, "sparse_checkout"), "patterns");
  if (patterns == memberOrEmpty(memberOrEmpty(bundledRepo, "sparse_checkout"), "patterns")) {
    json repo = *in.repoCfg;
    repo["sparse_checkout"]["patterns"] = layoutSparsePatterns(in.layout);
    in.repoStore = std::move(repo);
    in.repoCfg = &in.repoStore;
  }
  json pipe = *in.pipeCfg;
  if (memberOrEmpty(pipe, "root_path") == memberOrEmpty(bundledPipe, "root_path"))
    pipe["root_path"] = layoutCodeRoot(in.layout, "{WORKSPACE_PATH}");
  if (memberOrEmpty(pipe, "libraries") == memberOrEmpty(bundledPipe, "libraries")) {
    json glob = {{"include", layoutIngestPath(in.layout, "{WORKSPACE_PATH}")}};
    json library = {{"glob", glob}};
    pipe["libraries"] = json::array({library});
  }
  in.pipeStore = std::move(pipe);
  in.pipeCfg = &in.pipeStore;
}

// The pipeline's workspace path, with {SOURCE_NAME}, {PIPELINE_NAME} and {CURRENT_USER}
// replaced (in workspace_path only); errors when it is not an absolute, normal path.
std::optional<std::string> workspacePathOf(const PipelineInputs& in, const json& config, const std::string& user,
                                           Diagnostics& errors) {
  std::string path = stringOf(config, "workspace_path");
  path = replaceAll(path, "{SOURCE_NAME}", in.source);
  path = replaceAll(path, "{PIPELINE_NAME}", in.name);
  path = replaceAll(path, "{CURRENT_USER}", user);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.empty() || path.front() != '/') {
    errors.error(in.where + ": workspace_path \"" + path + "\" is not an absolute workspace path", std::nullopt,
                 "set defaults.workspace_path to a path such as /Users/{CURRENT_USER}/connectors/{PIPELINE_NAME}");
    return std::nullopt;
  }
  // A name of "." or "..", say, would turn the pipeline's folder into its parent: every path
  // the tool writes or deletes must be the path it reads as.
  if (const auto normal = normalWorkspacePath(path); !normal || *normal != path) {
    errors.error(in.where + ": the pipeline's workspace path \"" + path + "\" changes when normalised" +
                     (normal ? " (to \"" + *normal + "\")" : std::string(" (it climbs above /)")),
                 std::nullopt, "use a pipeline name (and source) without '.', '..' or '/' segments");
    return std::nullopt;
  }
  return path;
}

// The folder the pipeline's path lives in, once per folder however many pipelines share it.
void buildDirectory(const PipelineInputs& in, std::set<std::string>& directories, std::vector<DesiredResource>& out) {
  if (in.parent.empty() || !directories.insert(in.parent).second) return;
  DesiredResource d;
  d.key = {ResourceKind::Directory, in.parent};
  d.fields = {{"path", in.parent}};
  d.origin = in.where;
  out.push_back(std::move(d));
}

// Repo: {WORKSPACE_PATH} in path, {SOURCE_NAME} in the sparse checkout patterns.
void buildRepo(const PipelineInputs& in, std::vector<DesiredResource>& out) {
  const json& cfg = *in.repoCfg;
  DesiredResource repo;
  repo.key = {ResourceKind::Repo, in.repoPath};
  repo.origin = in.where + "/repo";
  repo.fields = {{"url", stringOf(cfg, "url")}, {"path", in.repoPath}};
  if (cfg.contains("provider") && cfg["provider"].is_string()) repo.fields["provider"] = cfg["provider"];
  if (cfg.contains("branch") && cfg["branch"].is_string() && !cfg["branch"].get<std::string>().empty())
    repo.fields["branch"] = cfg["branch"];
  json patterns = json::array();
  if (cfg.contains("sparse_checkout") && cfg["sparse_checkout"].is_object()) {
    for (const auto& pat : cfg["sparse_checkout"].value("patterns", json::array()))
      if (pat.is_string()) patterns.push_back(replaceAll(pat.get<std::string>(), "{SOURCE_NAME}", in.source));
  }
  if (!patterns.empty()) repo.fields["sparse_checkout"] = {{"patterns", patterns}};
  repo.inputs["exclude_root_files"] = cfg.value("exclude_root_files", json::array());
  if (!in.parent.empty()) repo.dependsOn.push_back({ResourceKind::Directory, in.parent});
  out.push_back(std::move(repo));
}

// ingest.py lives in the workspace path, or its src/ (inside the repo checkout by default).
ResourceKey buildIngestFile(const PipelineInputs& in, const BundledData& bundled, std::vector<DesiredResource>& out) {
  DesiredResource ingest;
  ingest.key = {ResourceKind::IngestFile, layoutIngestPath(in.layout, in.workspacePath)};
  ingest.origin = in.where + "/objects";
  const json& objects = memberOrEmpty(*in.entry, "objects");
  const std::string content = renderIngestFile(bundled, in.source, in.connection, objects, in.layout);
  ingest.fields = {{"path", ingest.key.name}, {"content_sha256", sha256Hex(content)}};
  ingest.inputs["content"] = content;
  ingest.inputs["objects"] = objects;  // what a plan shows of a content change
  ingest.dependsOn = in.connectionDep;
  if (isUnder(ingest.key.name, in.repoPath)) {
    ingest.dependsOn.push_back({ResourceKind::Repo, in.repoPath});
  } else if (!in.parent.empty()) {
    ingest.dependsOn.push_back({ResourceKind::Directory, in.parent});
  }
  out.push_back(std::move(ingest));
  return out.back().key;
}

// The schema the pipeline publishes to: the entry's `schema`, else the manifest defaults'
// `target` or `schema`, else the source name (the bundled `schema` stays unread).
std::string targetSchemaOf(const PipelineInputs& in) {
  std::string target = stringOf(*in.entry, "schema");
  if (target.empty()) target = stringOf(*in.manifestPipeline, "target");
  if (target.empty()) target = stringOf(*in.manifestPipeline, "schema");
  if (target.empty()) target = in.source;
  return target;
}

// Today's `schema`: the entry's, else the configuration's (`default` when bundled); the
// source name is no longer a default.
std::string schemaOf(const PipelineInputs& in) {
  std::string schema = stringOf(*in.entry, "schema");
  if (schema.empty()) schema = stringOf(*in.manifestPipeline, "schema");
  if (schema.empty()) schema = stringOf(*in.pipeCfg, "schema");
  return schema.empty() ? std::string("default") : schema;
}

// Pipeline: exactly the original's create body, plus the deployment's marker.
void buildPipeline(const PipelineInputs& in, const ResourceKey& ingestKey, const Manifest& manifest,
                   const ModelOptions& options, DesiredState& state, std::vector<DesiredResource>& out) {
  const json& cfg = *in.pipeCfg;
  DesiredResource pipe;
  pipe.key = {ResourceKind::Pipeline, in.name};
  pipe.origin = in.where;
  json& f = pipe.fields;
  f["name"] = in.name;
  for (const char* key : {"channel", "continuous", "development", "serverless", "photon", "edition"})
    if (cfg.contains(key) && !cfg[key].is_null()) f[key] = cfg[key];
  std::string catalog = in.entry->contains("catalog") ? stringOf(*in.entry, "catalog") : stringOf(cfg, "catalog");
  if (!catalog.empty()) f["catalog"] = catalog;
  if (options.schemaField) f["schema"] = schemaOf(in);
  else f["target"] = targetSchemaOf(in);
  const std::string rootPath = replaceAll(stringOf(cfg, "root_path"), "{WORKSPACE_PATH}", in.workspacePath);
  if (!rootPath.empty()) f["root_path"] = rootPath;
  json configuration = stringMap(cfg.value("configuration", json::object()));
  if (options.markOwnership) {
    configuration[std::string(kPipelineMarkerKey)] = kPipelineMarkerValue;
    configuration[std::string(kPipelineDeploymentKey)] = manifest.deployment.id();
  }
  if (!configuration.empty()) f["configuration"] = configuration;
  json libraries = convertLibraries(substituteStrings(cfg.value("libraries", json::array()), "{WORKSPACE_PATH}", in.workspacePath),
                                    state.warnings, in.where + "/pipeline/libraries");
  if (!libraries.empty()) f["libraries"] = libraries;
  for (const char* key : {"notifications", "tags"})
    if (in.manifestPipeline->contains(key) && !(*in.manifestPipeline)[key].is_null()) f[key] = (*in.manifestPipeline)[key];
  pipe.dependsOn = in.connectionDep;
  pipe.dependsOn.push_back(ingestKey);
  pipe.dependsOn.push_back({ResourceKind::Repo, in.repoPath});
  out.push_back(std::move(pipe));
}

// A managed pipeline lands where a workspace one would: the same catalog and schema rules.
ManagedPipelineSource managedSourceOf(const PipelineInputs& in) {
  ManagedPipelineSource m;
  m.name = in.name;
  m.where = in.where;
  m.source = in.source;
  m.connection = in.connection;
  m.catalog = in.entry->contains("catalog") ? stringOf(*in.entry, "catalog") : stringOf(*in.pipeCfg, "catalog");
  if (m.catalog.empty()) m.catalog = "main";
  m.schema = targetSchemaOf(in);
  m.entry = in.entry;
  m.pipeCfg = in.pipeCfg;
  m.connectionDep = in.connectionDep;
  return m;
}

// `run: {after_apply: true}`: an update started after the pipeline's changes.
void buildRun(const PipelineInputs& in, std::vector<DesiredResource>& out) {
  const json& run = memberOrEmpty(*in.entry, "run");
  if (!run.value("after_apply", false)) return;
  DesiredResource r;
  r.key = {ResourceKind::PipelineRun, in.name};
  r.origin = in.where + "/run";
  r.inputs = {{"full_refresh", run.value("full_refresh", false)}, {"wait", run.value("wait", false)}};
  r.dependsOn = {{ResourceKind::Pipeline, in.name}};
  out.push_back(std::move(r));
}

// Sorted by key; two entries of one key are an error; each resource's edges sorted, once each.
Status finishResources(std::vector<DesiredResource>& out) {
  std::sort(out.begin(), out.end(), [](const DesiredResource& a, const DesiredResource& b) { return a.key < b.key; });
  Diagnostics errors;
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].key == out[i - 1].key)
      errors.error("two manifest entries both define " + out[i].key.display(), std::nullopt,
                   "give each pipeline its own workspace_path or repo path");
  }
  if (errors.hasErrors()) return errors;
  for (auto& r : out) {
    std::sort(r.dependsOn.begin(), r.dependsOn.end());
    r.dependsOn.erase(std::unique(r.dependsOn.begin(), r.dependsOn.end()), r.dependsOn.end());
  }
  return okStatus();
}

}  // namespace

Result<DesiredState> buildModel(const Manifest& manifest, const WorkspaceContext& context,
                                const BundledData& bundled, const ModelOptions& options) {
  const json& doc = manifest.document;
  DesiredState state;
  state.context = context;
  state.toolRoot = toolRoot(context.userName);
  state.deployment = manifest.deployment;
  Diagnostics errors;
  const json& defaults = memberOrEmpty(doc, "defaults");
  const json config = deepMerge(bundled.defaultConfig, defaults);
  const json& connections = memberOrEmpty(doc, "connections");
  const json& pipelines = memberOrEmpty(doc, "pipelines");

  std::vector<DesiredResource> out;
  for (auto it = connections.begin(); it != connections.end(); ++it)
    buildConnection(it.key(), *it, manifest, config, options, out);

  std::set<std::string> directories;
  std::set<std::string> external;
  SharedPackages packages;
  for (auto it = pipelines.begin(); it != pipelines.end(); ++it) {
    PipelineInputs in;
    in.name = it.key();
    in.entry = &*it;
    in.where = pointer({"pipelines", in.name});
    in.source = stringOf(*it, "source");
    in.connection = stringOf(*it, "connection");
    in.repoCfg = &layered(memberOrEmpty(config, "repo"), memberOrEmpty(*it, "repo"), in.repoStore);
    in.manifestPipeline = &layered(memberOrEmpty(defaults, "pipeline"), memberOrEmpty(*it, "pipeline"), in.manifestStore);
    in.pipeCfg = &layered(memberOrEmpty(config, "pipeline"), memberOrEmpty(*it, "pipeline"), in.pipeStore);
    if (connections.contains(in.connection)) {
      in.connectionDep.push_back({ResourceKind::Connection, in.connection});
    } else if (!in.connection.empty()) {
      external.insert(in.connection);
    }
    if (stringOf(*it, "ingestion") == "managed") {
      buildManagedPipeline(managedSourceOf(in), manifest, options, packages, out, errors);
      buildRun(in, out);
      continue;
    }
    auto path = workspacePathOf(in, config, context.userName, errors);
    if (!path) continue;
    in.workspacePath = *path;
    in.parent = parentOf(in.workspacePath);
    in.repoPath = replaceAll(stringOr(*in.repoCfg, "path", "{WORKSPACE_PATH}"), "{WORKSPACE_PATH}", in.workspacePath);
    if (in.repoPath.empty()) in.repoPath = in.workspacePath;
    auto layout = layoutOf(in, options, errors);
    if (!layout) continue;
    in.layout = *layout;
    applyLayoutDefaults(in, bundled);
    buildDirectory(in, directories, out);
    buildRepo(in, out);
    const ResourceKey ingestKey = buildIngestFile(in, bundled, out);
    buildPipeline(in, ingestKey, manifest, options, state, out);
    buildRun(in, out);
  }
  if (errors.hasErrors()) return errors;
  if (auto ok = finishResources(out); !ok) return ok.diagnostics();
  state.resources = std::move(out);
  state.externalConnections.assign(external.begin(), external.end());
  return state;
}

}  // namespace cc::engine
