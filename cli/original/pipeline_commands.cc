// run_pipeline, show_pipeline, update_pipeline, delete_pipeline: the pipeline is found by its
// exact name through the engine's observe (the original's `name LIKE` lookup treated `_` and
// `%` as wildcards), then one action is applied.
#include <atomic>
#include <mutex>

#include "cli/command_support.h"
#include "cli/original/command_set.h"
#include "cli/original/inputs.h"
#include "cli/original/managed_pipeline.h"
#include "cli/original/output.h"
#include "cli/original/registry.h"
#include "cli/original/session.h"
#include "cli/original/user_config.h"
#include "engine/content_digest.h"
#include "engine/executor.h"
#include "engine/ingest_file_reader.h"
#include "engine/ingest_template.h"
#include "engine/planner.h"
#include "engine/run_state.h"
#include "render/result_json.h"

namespace cc::cli {
namespace {

using engine::ActionKind;
using engine::ResourceKind;

/// The session, the registry and what was read of the pipeline the command names.
struct Found {
  std::unique_ptr<OriginalSession> session;
  std::unique_ptr<OriginalRegistry> registry;
  engine::ObservedResource pipeline;
};

/// Why a pipeline could not be found: it does not exist, or the workspace could not be read.
struct LookupFailure {
  bool notFound = false;
  std::string message;
};

std::optional<LookupFailure> openSession(const OriginalContext& ctx, Found& found) {
  auto session = openOriginalSession(ctx.global);
  if (!session) return LookupFailure{false, session.diagnostics().items().front().summary};
  found.session = std::move(session).value();
  found.registry = std::make_unique<OriginalRegistry>(found.session->registry());
  return std::nullopt;
}

std::optional<LookupFailure> missing(const std::string& name) {
  return LookupFailure{true, "Pipeline '" + name + "' not found"};
}

// Reads the pipeline `name` (found by its exact name).
std::optional<LookupFailure> findPipeline(const OriginalContext& ctx, const std::string& name, Found& found) {
  if (auto failure = openSession(ctx, found)) return failure;
  auto observed = engine::observeResources(*found.registry, {{ResourceKind::Pipeline, name}});
  if (!observed) return LookupFailure{false, originalApiMessage(observed.diagnostics().items().front(), false)};
  found.pipeline = observed->front();
  if (!found.pipeline.exists) return missing(name);
  return std::nullopt;
}

// Plans `state` (the resources with the command's intents) and reads the pipeline `name` from it.
engine::Result<engine::Plan> planForPipeline(const OriginalContext& ctx, const std::string& name,
                                             engine::DesiredState state, Found& found,
                                             std::optional<LookupFailure>& failure) {
  if ((failure = openSession(ctx, found))) return engine::Result<engine::Plan>::failure(failure->message);
  std::sort(state.resources.begin(), state.resources.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  engine::PlanSettings settings;
  settings.model.markOwnership = false;
  auto plan = engine::planDesiredState(std::move(state), *found.registry, settings);
  if (!plan) {
    failure = LookupFailure{false, originalApiMessage(plan.diagnostics().items().front(), false)};
    return plan;
  }
  if (const auto* p = plan->find({ResourceKind::Pipeline, name})) found.pipeline = p->observed;
  if (!found.pipeline.exists) failure = missing(name);
  return plan;
}

engine::DesiredResource pipelineNamed(const std::string& name, engine::Intent intent) {
  engine::DesiredResource pipeline;
  pipeline.key = {ResourceKind::Pipeline, name};
  pipeline.intent = intent;
  return pipeline;
}

int failLookup(const OriginalContext& ctx, const LookupFailure& failure, const std::string& operation) {
  return ctx.fail(failure.notFound ? failure.message : operation + failure.message);
}

// Without --wait the original printed no state; with it each state change is a line.
class RunPrinter : public engine::NullApplyObserver {
 public:
  RunPrinter(std::ostream& out, bool wait) : out_(out), wait_(wait) {}
  void runStateChanged(const engine::ResourceKey&, const std::string& updateId, const std::string& state) override {
    std::lock_guard<std::mutex> lock(mutex_);
    announce(updateId);
    if (wait_ && state != last_) out_ << "  State: " << state << "\n";
    out_.flush();
    last_ = state;
  }
  void announce(const std::string& updateId) {
    if (announced_) return;
    announced_ = true;
    out_ << kCheckMark << "Pipeline run started!\n";
    if (!updateId.empty()) out_ << "  Update ID: " << updateId << "\n";
  }
  const std::string& lastState() const { return last_; }
  // With --wait the update's events are read; its errors are what a failed run prints.
  bool wantsRunEvents() const override { return wait_; }
  void runEvent(const engine::ResourceKey&, const std::string&, const engine::RunEvent& event) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (event.level == "ERROR") errors_.push_back(event);
  }
  nlohmann::json errorsJson() {
    std::lock_guard<std::mutex> lock(mutex_);
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : errors_) errors.push_back({{"type", e.type}, {"message", e.message}});
    return errors;
  }
  void printErrors() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& e : errors_) out_ << "  ERROR " << e.type << ": " << e.message << "\n";
  }

 private:
  std::ostream& out_;
  bool wait_;
  std::mutex mutex_;
  bool announced_ = false;
  std::string last_;
  std::vector<engine::RunEvent> errors_;
};

std::string firstMessage(const engine::ApplySummary& s) {
  for (const auto& o : s.outcomes)
    if (o.error) return originalApiMessage(*o.error, false);
  return "apply did not complete";
}

}  // namespace

int runOriginalRunPipeline(const OriginalContext& ctx) {
  const std::string name = ctx.args.arguments.at(0);
  engine::DesiredState state;
  const engine::DesiredResource pipeline = pipelineNamed(name, engine::Intent::Observe);
  engine::DesiredResource run;
  run.key = {ResourceKind::PipelineRun, name};
  run.intent = engine::Intent::Run;
  run.inputs = {{"full_refresh", ctx.args.flag("full_refresh")}, {"wait", ctx.args.flag("wait")}};
  run.dependsOn = {pipeline.key};
  state.resources = {pipeline, run};
  Found found;
  std::optional<LookupFailure> failure;
  auto plan = planForPipeline(ctx, name, std::move(state), found, failure);
  if (failure) return failLookup(ctx, *failure, "Failed to start pipeline: ");
  auto& out = ctx.console.out;
  out << "Starting pipeline: " << name << " (ID: " << found.pipeline.remoteId << ")\n";
  out.flush();
  RunPrinter printer(out, ctx.args.flag("wait"));
  std::atomic<bool> cancel{false};
  auto summary = engine::applyPlan(*plan, *found.registry, sequentialApplySettings(), printer, cancel);
  std::string updateId;
  for (const auto& o : summary.outcomes)
    if (o.key == run.key) updateId = o.runUpdateId;
  const std::string last = printer.lastState();
  const engine::RunState end = engine::parseRunState(last);
  const bool endedBadly = ctx.args.flag("wait") && (end == engine::RunState::Failed || end == engine::RunState::Canceled);
  if (!summary.ok() && !endedBadly) return ctx.fail("Failed to start pipeline: " + firstMessage(summary));
  printer.announce(updateId);
  const std::string url = pipelineUrl(found.session->host(), found.pipeline.remoteId);
  ctx.result.update({{"action", "started"}, {"pipeline_name", name}, {"pipeline_id", found.pipeline.remoteId},
                     {"update_id", updateId}, {"url", url}, {"full_refresh", ctx.args.flag("full_refresh")},
                     {"wait", ctx.args.flag("wait")}});
  if (ctx.args.flag("wait")) ctx.result["state"] = last.empty() ? "UNKNOWN" : last;
  out << "\nView pipeline: " << url << "\n";
  if (ctx.args.flag("wait") && end != engine::RunState::Completed) {
    ctx.result["errors"] = printer.errorsJson();
    printer.printErrors();
    return ctx.fail("Pipeline update " + updateId + " ended in state " +
                    (printer.lastState().empty() ? "UNKNOWN" : printer.lastState()));
  }
  return 0;
}

int runOriginalShowPipeline(const OriginalContext& ctx) {
  const std::string name = ctx.args.arguments.at(0);
  Found found;
  if (auto failure = findPipeline(ctx, name, found)) return failLookup(ctx, *failure, "Failed to get pipeline status: ");
  // The observed fields are the spec; the state and latest updates need the full GET.
  auto details = found.session->pipelineDetails(found.pipeline.remoteId);
  if (!details) return ctx.fail("Failed to get pipeline status: " + originalApiMessage(details.diagnostics().items().front(), false));
  nlohmann::json f = found.pipeline.fields;
  for (const char* k : {"state", "latest_updates"})
    if (details->contains(k)) f[k] = (*details)[k];
  const std::string url = pipelineUrl(found.session->host(), found.pipeline.remoteId);
  auto& out = ctx.console.out;
  if (ctx.args.value("format").value_or("text") == "json") {
    nlohmann::json doc = {{"format_version", render::kResultJsonFormatVersion}, {"name", name},
                          {"pipeline_id", found.pipeline.remoteId}, {"url", url}, {"spec", found.pipeline.fields}};
    for (const char* k : {"state", "latest_updates"})
      if (f.contains(k)) doc[k] = f[k];
    render::printJson(doc, out);
    return 0;
  }
  out << "Pipeline Status\n" << banner(40) << "\n";
  out << "  Name:   " << f.value("name", name) << "\n";
  out << "  ID:     " << found.pipeline.remoteId << "\n";
  out << "  State:  " << f.value("state", std::string("UNKNOWN")) << "\n";
  if (f.contains("latest_updates") && f["latest_updates"].is_array() && !f["latest_updates"].empty()) {
    const auto& u = f["latest_updates"][0];
    out << "\nLatest Update:\n";
    out << "  Update ID:   " << u.value("update_id", "") << "\n";
    out << "  State:       " << u.value("state", "") << "\n";
    if (u.contains("creation_time")) {
      const auto& t = u["creation_time"];
      out << "  Started:     " << (t.is_string() ? t.get<std::string>() : t.dump()) << "\n";
    }
  }
  out << "\nView pipeline: " << url << "\n";
  if (ctx.global.debug) out << "\n[DEBUG] Full response: " << details->dump() << "\n";
  return 0;
}

namespace {

// The workspace form (§7.1): ingest.py rewritten from -ps, planned as a one-resource change.
int updateWorkspacePipeline(const OriginalContext& ctx) {
  const std::string name = ctx.args.arguments.at(0);
  auto spec = readCheckedPipelineSpec(ctx.args.value("pipeline_spec").value_or(""), ctx.console.err);
  if (!spec) return ctx.fail(spec.diagnostics().items().front().summary);
  Found found;
  if (auto failure = findPipeline(ctx, name, found)) return failLookup(ctx, *failure, "Failed to update pipeline: ");
  auto& out = ctx.console.out;
  out << "Found pipeline: " << name << " (ID: " << found.pipeline.remoteId << ")\n";
  // ingest.py: the first file library ending in ingest.py, else <root_path>/ingest.py.
  const auto& f = found.pipeline.fields;
  std::string ingestPath;
  for (const auto& lib : f.value("libraries", nlohmann::json::array())) {
    const std::string p = lib.is_object() && lib.contains("file") ? lib["file"].value("path", "") : "";
    if (ingestPath.empty() && p.find("ingest.py") != std::string::npos) ingestPath = p;
  }
  if (ingestPath.empty() && f.contains("root_path") && f["root_path"].is_string())
    ingestPath = f["root_path"].get<std::string>() + "/ingest.py";
  if (ingestPath.empty())
    return ctx.fail("Could not find ingest.py for pipeline '" + name + "'; use a pipeline created by this tool");
  // Through the session's own registry: the OriginalRegistry's workspace reads no records.
  auto files = found.session->registry().workspace().readFiles({ingestPath});
  if (!files) return ctx.fail("Failed to read file " + ingestPath + ": " + originalApiMessage(files.diagnostics().items().front(), false));
  auto file = files->find(ingestPath);
  if (file == files->end()) return ctx.fail("File not found: " + ingestPath);
  const auto facts = engine::readIngestFile(file->second.content);
  if (!facts) return ctx.fail("Could not find source_name in " + ingestPath);
  const std::string source = facts->sourceName;
  out << "Detected source: " << source << "\n";
  auto bundled = engine::loadBundledData(engine::bundledDataDirectory());
  if (!bundled) return ctx.fail(bundled.diagnostics().items().front().summary);
  const std::string content = engine::renderIngestFile(*bundled, source, (*spec)["connection_name"], (*spec)["objects"],
                                                       engine::ingestFileLayout(file->second.content));
  const std::string url = pipelineUrl(found.session->host(), found.pipeline.remoteId);
  ctx.result.update({{"pipeline_name", name}, {"pipeline_id", found.pipeline.remoteId}, {"source_name", source},
                     {"ingest_path", ingestPath}, {"url", url}});
  // Plan the rewrite of ingest.py alone: an unchanged file is not sent again.
  engine::DesiredState state;
  engine::DesiredResource ingest;
  ingest.key = {ResourceKind::IngestFile, ingestPath};
  ingest.fields = {{"path", ingestPath}, {"content_sha256", engine::sha256Hex(content)}};
  ingest.inputs["content"] = content;
  state.resources.push_back(ingest);
  engine::PlanSettings settings;
  settings.model.markOwnership = false;
  auto plan = engine::planDesiredState(state, *found.registry, settings);
  if (!plan) return ctx.fail("Failed to update pipeline: " + originalApiMessage(plan.diagnostics().items().front(), false));
  if (!plan->hasChanges()) {
    ctx.result["action"] = "unchanged";
    out << kCheckMark << "Pipeline " << name << " already ingests these tables: nothing was sent.\n";
    return 0;
  }
  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  auto summary = engine::applyPlan(*plan, *found.registry, sequentialApplySettings(), observer, cancel);
  if (!summary.ok()) return ctx.fail("Failed to update pipeline: " + firstMessage(summary));
  ctx.result["action"] = "updated";
  out << kCheckMark << "Pipeline updated successfully!\n";
  out << "\nView pipeline: " << url << "\n";
  out << "Note: run the pipeline (run_pipeline " << name << ") to apply the new tables.\n";
  return 0;
}

// The options of the managed form given to the workspace form, which takes -ps alone: the
// first one's refusal, or nullopt.
std::optional<std::string> managedOnlyOption(const OriginalContext& ctx) {
  const std::pair<const char*, const char*> options[] = {
      {"source_name", "-s/--source-name"}, {"connection_name", "-n/--connection-name"},
      {"catalog", "-c/--catalog"},         {"target", "-t/--schema"},
      {"volume_path", "-v/--volume-path"}, {"package", "-p/--package"}};
  for (const auto& [dest, shown] : options)
    if (ctx.args.value(dest))
      return std::string(shown) + " is for managed pipelines (the current generation without " +
             "--use-workspace-pipeline); a workspace pipeline's update rewrites ingest.py from -ps alone";
  return std::nullopt;
}

}  // namespace

int runOriginalUpdatePipeline(const OriginalContext& ctx) {
  int exitCode = 1;
  auto config = readOriginalConfig(ctx, exitCode);
  if (!config) return exitCode;
  if (config->generation == Generation::Current && !ctx.args.flag("use_workspace_pipeline"))
    return runManagedUpdatePipeline(ctx, ctx.args.arguments.at(0));
  if (auto refused = managedOnlyOption(ctx)) return ctx.fail(*refused);
  return updateWorkspacePipeline(ctx);
}

int runOriginalDeletePipeline(const OriginalContext& ctx) {
  const std::string name = ctx.args.arguments.at(0);
  engine::DesiredState state;
  state.resources = {pipelineNamed(name, engine::Intent::Delete)};
  Found found;
  std::optional<LookupFailure> failure;
  auto plan = planForPipeline(ctx, name, std::move(state), found, failure);
  if (failure) return failLookup(ctx, *failure, "Failed to delete pipeline: ");
  if (!confirmUnmanagedDelete(ctx, found.pipeline)) return 1;
  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  auto summary = engine::applyPlan(*plan, *found.registry, sequentialApplySettings(), observer, cancel);
  if (!summary.ok()) return ctx.fail("Failed to delete pipeline: " + firstMessage(summary));
  ctx.result.update({{"action", "deleted"}, {"pipeline_name", name}, {"pipeline_id", found.pipeline.remoteId}});
  ctx.console.out << kCheckMark << "Pipeline deleted: " << name << " (ID: " << found.pipeline.remoteId << ")\n";
  return 0;
}

}  // namespace cc::cli
