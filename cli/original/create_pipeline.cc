// create_pipeline: the original's repo + ingest.py + pipeline, as one
// pipeline of a manifest planned and applied by the engine. Everything the original found out
// half-way (an invalid spec, a taken repo path or pipeline name, -u's local files) is found
// before any request that changes the workspace.
#include <algorithm>
#include <atomic>
#include <mutex>

#include "cli/command_support.h"
#include "cli/original/command_set.h"
#include "cli/original/generation.h"
#include "cli/original/inputs.h"
#include "cli/original/managed_pipeline.h"
#include "cli/original/output.h"
#include "cli/original/package_upload.h"
#include "cli/original/registry.h"
#include "cli/original/session.h"
#include "cli/original/user_config.h"
#include "engine/executor.h"
#include "engine/manifest_loader.h"
#include "engine/model.h"
#include "engine/planner.h"
#include "engine/repo_layout.h"
#include "providers/workspace_api.h"

namespace cc::cli {
namespace {

using engine::ResourceKind;

// Prints the original's step lines as the executor reaches each resource.
class StepPrinter : public engine::ApplyObserver {
 public:
  StepPrinter(std::ostream& out, const engine::Plan& plan, OriginalRegistry& registry, bool debug)
      : out_(out), plan_(plan), registry_(registry), debug_(debug) {}

  void actionStarted(const engine::ResourceKey& key, engine::ActionKind) override {
    std::lock_guard<std::mutex> lock(mutex_);
    switch (key.kind) {
      case ResourceKind::Directory: out_ << "\nEnsuring workspace directory exists: " << key.name << "\n"; break;
      case ResourceKind::Repo: out_ << "\nStep 1: Creating repo...\n"; break;
      case ResourceKind::IngestFile: out_ << "\nStep 2: Creating ingest.py...\n"; break;
      case ResourceKind::Pipeline: out_ << "\nStep 3: Creating pipeline '" << key.name << "'...\n"; break;
      case ResourceKind::Connection:
      case ResourceKind::PipelineRun:
      case ResourceKind::Volume:
      case ResourceKind::VolumeFile: break;
    }
    out_.flush();
  }
  void actionFinished(const engine::ResourceKey& key, engine::ActionKind, engine::OutcomeKind outcome,
                      const engine::Diagnostic*) override {
    if (outcome != engine::OutcomeKind::Done) return;
    std::lock_guard<std::mutex> lock(mutex_);
    switch (key.kind) {
      case ResourceKind::Directory: out_ << kCheckMark << "Directory ready\n"; break;
      case ResourceKind::Repo: {
        auto written = registry_.written(key);
        std::string path = key.name;
        if (written && written->fields.contains("path") && written->fields["path"].is_string())
          path = written->fields["path"];
        out_ << kCheckMark << "Repo created at: " << path << "\n";
        if (debug_ && written) out_ << "  [DEBUG] Repo ID: " << written->remoteId << "\n";
        const auto* a = plan_.find(key);
        const auto files = a ? a->desired.inputs.value("exclude_root_files", nlohmann::json::array()) : nlohmann::json::array();
        if (!files.empty()) {
          out_ << "\n  Cleaning up excluded root files...\n";
          out_ << kCheckMark << "Cleaned up " << files.size() << " excluded files\n";
        }
        break;
      }
      case ResourceKind::IngestFile: out_ << kCheckMark << "Created: " << key.name << "\n"; break;
      case ResourceKind::Pipeline: out_ << kCheckMark << "Pipeline created!\n"; break;
      case ResourceKind::Connection:
      case ResourceKind::PipelineRun:
      case ResourceKind::Volume:
      case ResourceKind::VolumeFile: break;
    }
    out_.flush();
  }
  void actionSkipped(const engine::ResourceKey&, engine::ActionKind, const engine::ResourceKey&) override {}
  void runStateChanged(const engine::ResourceKey&, const std::string&, const std::string&) override {}

 private:
  std::ostream& out_;
  const engine::Plan& plan_;
  OriginalRegistry& registry_;
  bool debug_;
  std::mutex mutex_;
};

std::string failurePrefix(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::Directory: return "Failed to create workspace directory: ";
    case ResourceKind::Repo: return "Failed to create repo: ";
    case ResourceKind::IngestFile: return "Failed to create ingest.py: ";
    case ResourceKind::Pipeline: return "Failed to create pipeline: ";
    case ResourceKind::Connection:
    case ResourceKind::PipelineRun:
    case ResourceKind::Volume:
    case ResourceKind::VolumeFile: break;
  }
  return "Failed: ";
}

std::string stringAt(const nlohmann::json& j, const char* a, const char* b) {
  if (!j.is_object() || !j.contains(a) || !j[a].is_object() || !j[a].contains(b) || !j[a][b].is_string()) return {};
  return j[a][b].get<std::string>();
}

}  // namespace

namespace {

// The original's opening lines: what it creates, from which repository, and with --debug the
// configuration it resolved.
void printIntroduction(const OriginalContext& ctx, const nlohmann::json& config, const std::string& source,
                       const std::string& name, const std::optional<std::string>& connectionName) {
  auto& out = ctx.console.out;
  out << "Creating connector for source: " << source << "\n";
  out << "Pipeline name: " << name << "\n";
  out << "Connection name: " << (connectionName ? *connectionName : "(from pipeline spec)") << "\n";
  out << "Using repo: " << ctx.args.value("repo_url").value_or(stringAt(config, "repo", "url")) << "\n";
  if (ctx.global.debug) {
    std::string ws = config.value("workspace_path", "");
    ws = engine::replaceAll(engine::replaceAll(ws, "{SOURCE_NAME}", source), "{PIPELINE_NAME}", name);
    out << "[DEBUG] workspace_path (before resolution): " << ws << "\n";
    out << "[DEBUG] Repo config: " << config.value("repo", nlohmann::json::object()).dump() << "\n";
    out << "[DEBUG] Pipeline config: " << config.value("pipeline", nlohmann::json::object()).dump() << "\n";
  }
  out.flush();
}

// The manifest entry of the pipeline the flags describe. The pipeline spec is checked before
// anything is sent (the original did it after the clone). Today's original deletes no root
// files after the clone.
engine::Result<nlohmann::json> pipelineEntry(const OriginalContext& ctx, const std::string& source,
                                             const std::optional<std::string>& connectionName, Generation generation) {
  nlohmann::json pipeline = {{"source", source}};
  if (auto specArgument = ctx.args.value("pipeline_spec")) {
    auto spec = readCheckedPipelineSpec(*specArgument, ctx.console.err);
    if (!spec) return spec.diagnostics();
    pipeline["connection"] = connectionName ? *connectionName : (*spec)["connection_name"].get<std::string>();
    pipeline["objects"] = (*spec)["objects"];
  } else {
    pipeline["connection"] = *connectionName;
  }
  if (auto c = ctx.args.value("catalog")) pipeline["catalog"] = *c;
  if (auto t = ctx.args.value("target")) pipeline["schema"] = *t;
  if (auto r = ctx.args.value("repo_url")) pipeline["repo"] = {{"url", *r}};
  if (generation == Generation::Current) pipeline["repo"]["exclude_root_files"] = nlohmann::json::array();
  return pipeline;
}

// The directory, repo, ingest.py and pipeline to create: a repo path or pipeline name already
// taken is left for the caller to report before anything is sent; the connection is not
// checked (the original never did: the pipeline fails when it runs).
engine::Result<engine::DesiredState> desiredPipeline(const OriginalContext& ctx, const std::string& name,
                                                     const nlohmann::json& entry, const nlohmann::json& userConfig,
                                                     const engine::WorkspaceContext& context,
                                                     const engine::BundledData& bundled, Generation generation) {
  engine::Manifest manifest;
  manifest.file = "<command line>";
  manifest.document = {{"version", 1}, {"defaults", userConfig}, {"pipelines", {{name, entry}}}};
  engine::ModelOptions modelOptions;
  modelOptions.markOwnership = false;
  modelOptions.schemaField = generation == Generation::Current;
  auto state = engine::buildModel(manifest, context, bundled, modelOptions);
  if (!state) return state;
  state->externalConnections.clear();
  for (auto& r : state->resources)
    if (r.key.kind == ResourceKind::Repo || r.key.kind == ResourceKind::Pipeline) r.intent = engine::Intent::CreateOnly;
  if (ctx.global.debug)
    for (const auto& r : state->resources) ctx.console.out << "[DEBUG] Resolved " << r.key.display() << "\n";
  return state;
}

// The original's refusal of a taken repo path or pipeline name, or "" when both are free; the
// folders that exist already are announced as the original did.
std::string takenOrAnnounced(const OriginalContext& ctx, const engine::Plan& plan, const std::string& name) {
  for (const auto& a : plan.actions) {
    if (a.key.kind == ResourceKind::Repo && a.observed.exists)
      return "Failed to create repo: Repo " + a.key.name +
             " already exists. If you would like to create two repos from the same remote Git repo, "
             "rename the first one and try again.";
    if (a.key.kind == ResourceKind::Pipeline && a.observed.exists)
      return "Failed to create pipeline: The pipeline name '" + name + "' is already used by another pipeline (" +
             a.observed.remoteId + ")";
  }
  for (const auto& a : plan.actions) {
    if (a.key.kind == ResourceKind::Directory && a.action == engine::ActionKind::NoOp)
      ctx.console.out << "\nEnsuring workspace directory exists: " << a.key.name << "\n"
                      << kCheckMark << "Directory already exists\n";
  }
  return {};
}

// Applies the plan step by step as the original printed it; "" or the failure's message.
std::string applySteps(const OriginalContext& ctx, const engine::Plan& plan, OriginalRegistry& registry) {
  StepPrinter printer(ctx.console.out, plan, registry, ctx.global.debug);
  std::atomic<bool> cancel{false};
  auto summary = engine::applyPlan(plan, registry, sequentialApplySettings(), printer, cancel);
  for (const auto& o : summary.outcomes)
    if (o.error) return failurePrefix(o.key.kind) + originalApiMessage(*o.error, false);
  if (!summary.ok()) return "Failed to create pipeline: apply did not complete";
  return {};
}

}  // namespace

namespace {

// True when the Git folder's layout is to be read after checkout: today's generation and no
// `repo.layout` in the --config file. The first plan then stands in legacy for the files and
// clones with the patterns of both layouts.
bool layoutAfterCheckout(const OriginalConfig& in, nlohmann::json& entry) {
  if (in.generation != Generation::Current) return false;
  const nlohmann::json repo = in.userConfig.value("repo", nlohmann::json::object());
  if (repo.is_object() && repo.contains("layout")) return false;
  entry["repo"]["layout"] = "legacy";
  if (!(repo.is_object() && repo.contains("sparse_checkout"))) {
    nlohmann::json patterns = nlohmann::json::array();
    for (const auto& p : engine::bothLayoutsSparsePatterns()) patterns.push_back(p);
    entry["repo"]["sparse_checkout"] = {{"patterns", patterns}};
  }
  return true;
}

// `plan` without the actions on other kinds than `kinds`, nor dependencies on them.
engine::Plan onlyKinds(engine::Plan plan, std::initializer_list<ResourceKind> kinds) {
  const auto dropped = [&](const engine::ResourceKey& key) {
    return std::find(kinds.begin(), kinds.end(), key.kind) == kinds.end();
  };
  std::erase_if(plan.actions, [&](const engine::PlannedAction& a) { return dropped(a.key); });
  for (auto& a : plan.actions) std::erase_if(a.dependsOn, dropped);
  return plan;
}

// The layout the Git folder holds after the clone, announced; or the failure's message.
engine::Result<engine::RepoLayout> readCheckoutLayout(const OriginalContext& ctx, OriginalRegistry& registry,
                                                      const std::string& repoPath, const std::string& source) {
  using R = engine::Result<engine::RepoLayout>;
  auto layout = engine::detectRepoLayout(registry, repoPath, source);
  if (!layout) return R::failure("Failed to create pipeline: " + layout.diagnostics().items().front().summary);
  if (!*layout) return R::failure("Failed to create pipeline: the Git folder " + repoPath + " is missing after the clone");
  ctx.console.out << kCheckMark << "Repository layout: " << engine::repoLayoutName(**layout) << " (read from the checkout)\n";
  return **layout;
}

// After the clone: the layout the checkout holds decides ingest.py's path and template,
// root_path and the library; then ingest.py and the pipeline. "" or the failure's message.
std::string createAfterCheckout(const OriginalContext& ctx, OriginalRegistry& registry, const std::string& name,
                                nlohmann::json entry, const OriginalConfig& in, const engine::WorkspaceContext& context,
                                const engine::BundledData& bundled, engine::RepoLayout layout) {
  entry["repo"]["layout"] = engine::repoLayoutName(layout);
  auto state = desiredPipeline(ctx, name, entry, in.userConfig, context, bundled, in.generation);
  if (!state) return state.diagnostics().items().front().summary;
  std::erase_if(state->resources, [](const engine::DesiredResource& r) {
    return r.key.kind == ResourceKind::Directory || r.key.kind == ResourceKind::Repo;
  });
  for (auto& r : state->resources)
    std::erase_if(r.dependsOn, [](const engine::ResourceKey& k) {
      return k.kind == ResourceKind::Directory || k.kind == ResourceKind::Repo;
    });
  engine::PlanSettings settings;
  settings.model.markOwnership = false;
  auto plan = engine::planDesiredState(std::move(state).value(), registry, settings);
  if (!plan) return originalApiMessage(plan.diagnostics().items().front(), false);
  return applySteps(ctx, *plan, registry);
}

// -u/--use-local-source: the connector's files, read before any request, and the API that
// imports them into the Git folder after the clone.
struct LocalSource {
  providers::WorkspaceApi* api = nullptr;
  std::vector<LocalSourceFile> files;  // empty: no -u
};

// Imports the local files into the Git folder's copy of the source folder (`folder`), over what
// the clone checked out, as the original's -u does. "" or the failure's message.
std::string importLocalSource(const OriginalContext& ctx, const LocalSource& local, const std::string& folder) {
  auto& out = ctx.console.out;
  out << "\nUploading local source files to " << folder << "...\n";
  if (auto made = local.api->mkdirs(folder); !made) return "Failed to upload local source: " + made.error().message;
  nlohmann::json uploaded = nlohmann::json::array();
  for (const auto& file : local.files) {
    const std::string path = folder + "/" + file.name;
    if (auto imported = local.api->importFile(path, file.content, "AUTO", "", true); !imported)
      return "Failed to upload local source " + path + ": " + imported.error().message;
    out << kCheckMark << "Uploaded " << file.name << "\n";
    uploaded.push_back(path);
  }
  out.flush();
  ctx.result["local_source_files"] = uploaded;
  return {};
}

// The layout a plan made without reading the checkout stands in: the config's, else legacy.
engine::RepoLayout declaredLayout(const OriginalConfig& in) {
  return engine::parseRepoLayout(stringAt(in.userConfig, "repo", "layout")).value_or(engine::RepoLayout::Legacy);
}

// Plans, refuses what is taken, applies: in one go, or around the checkout when the layout is
// read from it or the local source goes into it. "" or the failure's message.
std::string createWorkspacePipeline(const OriginalContext& ctx, OriginalRegistry& registry, const std::string& name,
                                    nlohmann::json entry, const OriginalConfig& in,
                                    const engine::WorkspaceContext& context, const engine::BundledData& bundled,
                                    const LocalSource& local) {
  const bool afterCheckout = layoutAfterCheckout(in, entry);
  auto state = desiredPipeline(ctx, name, entry, in.userConfig, context, bundled, in.generation);
  if (!state) return state.diagnostics().items().front().summary;
  std::string repoPath;
  for (const auto& r : state->resources)
    if (r.key.kind == ResourceKind::Repo) repoPath = r.key.name;
  engine::PlanSettings settings;
  settings.model.markOwnership = false;
  auto plan = engine::planDesiredState(std::move(state).value(), registry, settings);
  if (!plan) return originalApiMessage(plan.diagnostics().items().front(), false);
  if (auto taken = takenOrAnnounced(ctx, *plan, name); !taken.empty()) return taken;
  if (!afterCheckout && local.files.empty()) return applySteps(ctx, *plan, registry);
  const engine::Plan checkout = onlyKinds(*plan, {ResourceKind::Directory, ResourceKind::Repo});
  if (auto failed = applySteps(ctx, checkout, registry); !failed.empty()) return failed;
  const std::string source = entry.value("source", "");
  auto layout = afterCheckout ? readCheckoutLayout(ctx, registry, repoPath, source)
                              : engine::Result<engine::RepoLayout>(declaredLayout(in));
  if (!layout) return layout.diagnostics().items().front().summary;
  if (!local.files.empty())
    if (auto failed = importLocalSource(ctx, local, engine::layoutMarker(*layout, repoPath, source)); !failed.empty())
      return failed;
  if (!afterCheckout) return applySteps(ctx, onlyKinds(std::move(plan).value(), {ResourceKind::IngestFile, ResourceKind::Pipeline}), registry);
  return createAfterCheckout(ctx, registry, name, std::move(entry), in, context, bundled, *layout);
}

}  // namespace

int runOriginalCreatePipeline(const OriginalContext& ctx) {
  const std::string source = ctx.args.arguments.at(0);
  const std::string name = ctx.args.arguments.at(1);
  const auto connectionName = ctx.args.value("connection_name");
  if (!connectionName && !ctx.args.value("pipeline_spec"))
    return ctx.fail("Either --connection-name or --pipeline-spec must be provided");
  int exitCode = 1;
  auto in = readOriginalConfig(ctx, exitCode);
  if (!in) return exitCode;
  const bool managed = in->generation == Generation::Current && !ctx.args.flag("use_workspace_pipeline");
  if (managed && ctx.args.flag("use_local_source"))
    return ctx.fail("-u/--use-local-source uploads into a workspace pipeline's Git folder: add "
                    "--use-workspace-pipeline (a managed pipeline takes the connector as wheels, built from the "
                    "checkout or given with -p)");
  // Never ignored: a workspace pipeline that installs wheels instead of cloning (today's
  // original's legacy -p) is not built here, so the flags are refused rather than dropped.
  if (!managed && (!ctx.args.all("package").empty() || ctx.args.value("volume_path")))
    return ctx.fail("-p/--package and -v/--volume-path are for managed pipelines (the current generation, "
                    "without --use-workspace-pipeline); a workspace pipeline runs the connector from its Git "
                    "folder: leave them out, or use -u/--use-local-source for local connector files");
  if (managed) return runManagedCreatePipeline(ctx, source, name, in->userConfig);
  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) return ctx.fail(bundled.diagnostics().items().front().summary);
  printIntroduction(ctx, engine::deepMerge(bundled->defaultConfig, in->userConfig), source, name, connectionName);
  auto entry = pipelineEntry(ctx, source, connectionName, in->generation);
  if (!entry) return ctx.fail(entry.diagnostics().items().front().summary);
  LocalSource local;
  if (ctx.args.flag("use_local_source")) {
    auto files = readLocalConnectorFiles(source);
    if (!files) return ctx.fail("Failed to read the local source: " + firstErrorLine(files.diagnostics()));
    local.files = std::move(files).value();
  }

  auto session = openOriginalSession(ctx.global);
  if (!session) return ctx.fail(session.diagnostics().items().front().summary);
  local.api = &(*session)->api();
  OriginalRegistry registry((*session)->registry());
  auto context = registry.workspace().currentContext();
  if (!context) return ctx.fail(originalApiMessage(context.diagnostics().items().front(), false));
  if (auto failed = createWorkspacePipeline(ctx, registry, name, *entry, *in, *context, *bundled, local);
      !failed.empty())
    return ctx.fail(failed);

  auto created = registry.written({ResourceKind::Pipeline, name});
  const std::string id = created ? created->remoteId : "";
  const std::string url = pipelineUrl((*session)->host(), id);
  ctx.result.update({{"action", "created"}, {"pipeline_name", name}, {"pipeline_id", id}, {"url", url},
                     {"source_name", source}, {"connection_name", (*entry)["connection"]}});
  auto& out = ctx.console.out;
  out << "\n" << banner() << "\nPipeline URL: " << url << "\nPipeline ID:  " << id << "\n" << banner() << "\n";
  if (ctx.global.debug && created) out << "\n[DEBUG] Full pipeline response: pipeline_id=" << id << "\n";
  return 0;
}

}  // namespace cc::cli
