#include "engine/executor.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "engine/connection_grants.h"
#include "engine/field_rules.h"
#include "engine/planner_phases.h"
#include "engine/run_state.h"
#include "engine/secret_fingerprint.h"

namespace cc::engine {
namespace {

enum class NodeState { Pending, Running, Succeeded, Failed, Skipped };

Diagnostic failure(const ResourceKey& key, const std::string& operation, const Diagnostics& diags) {
  Diagnostic d;
  d.summary = key.display() + ": " + operation + " failed";
  if (!diags.items().empty()) {
    d.summary += ": " + diags.items().front().summary;
    d.detail = diags.items().front().detail;
    d.api = diags.items().front().api;
  }
  d.resource = key.display();
  return d;
}

// The connection's new fingerprint record after a successful write (secret_fingerprint.h).
nlohmann::json fingerprintsAfterWrite(const PlannedAction& a, const FingerprintKey& key) {
  std::map<std::string, Secret> values;
  if (a.desired.fields.contains("options") && a.desired.fields["options"].is_object()) {
    for (auto it = a.desired.fields["options"].begin(); it != a.desired.fields["options"].end(); ++it) {
      values[it.key()] = Secret(it->is_string() ? it->get<std::string>() : it->dump(), {});
    }
  }
  for (const auto& [path, secret] : a.desired.secrets) {
    auto dot = path.find('.');
    const std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
    if (!isGrantOption(key)) values[key] = secret;  // sent once, never compared again
  }
  return makeFingerprintRecord(a.key.name, values, a.adopt, key);
}

std::vector<std::string> changedFields(const PlannedAction& a) {
  std::vector<std::string> out;
  for (const FieldChange& c : a.changes) {
    if (c.field.empty() || c.field.front() == '(') continue;
    std::string top = c.field.substr(0, c.field.find('.'));
    if (std::find(out.begin(), out.end(), top) == out.end()) out.push_back(top);
  }
  return out;
}

class Walk {
 public:
  Walk(const Plan& plan, ProviderRegistry& registry, const ApplySettings& settings, ApplyObserver& observer,
       std::atomic<bool>& cancel)
      : plan_(plan), registry_(registry), settings_(settings), observer_(observer), cancel_(cancel),
        store_(registry.workspace(), plan.deployment.stateFile(), plan.deployment.id(), plan.deploymentUser) {
    const std::size_t n = plan.actions.size();
    state_.assign(n, NodeState::Pending);
    results_.resize(n);
    errors_.resize(n);
    skippedBecause_.resize(n);
    runIds_.resize(n);
    deps_.assign(n, {});
    rdeps_.assign(n, {});
    pending_.assign(n, 0);
    for (const PlannedAction& a : plan.actions)
      if (a.key.kind == ResourceKind::Pipeline && a.action == ActionKind::Delete)
        usedByDeletes_.insert(a.desired.dependsOn.begin(), a.desired.dependsOn.end());
    for (std::size_t i = 0; i < n; ++i) {
      results_[i] = plan.actions[i].observed;
      for (const auto& d : plan.actions[i].dependsOn) {
        auto it = std::lower_bound(plan.actions.begin(), plan.actions.end(), d,
                                   [](const PlannedAction& a, const ResourceKey& k) { return a.key < k; });
        if (it == plan.actions.end() || it->key != d) continue;
        const auto j = static_cast<std::size_t>(it - plan.actions.begin());
        deps_[i].push_back(j);
        rdeps_[j].push_back(i);
      }
      pending_[i] = deps_[i].size();
      if (pending_[i] == 0) ready_.push_back(i);
    }
  }

  /// Writes the plan's record changes (one write) before any action.
  Status writeRecordChanges() {
    if (plan_.recordChanges.empty()) return okStatus();
    std::map<ResourceKey, std::optional<nlohmann::json>> entries;
    std::map<std::string, std::optional<nlohmann::json>> fingerprints;
    for (const auto& [key, entry] : plan_.recordChanges) {
      entries[key] = entry.is_null() ? std::nullopt : std::optional<nlohmann::json>(entry);
      if (kindRules(key.kind).secretFingerprints && entry.is_null()) fingerprints[key.name] = std::nullopt;
    }
    // Fingerprints of an earlier release's store move into the deployment's state with it.
    for (const PlannedAction& a : plan_.actions)
      if (plan_.recordChanges.count(a.key) && kindRules(a.key.kind).secretFingerprints && !a.observed.fingerprints.empty())
        fingerprints[a.key.name] = a.observed.fingerprints;
    return store_.changeMany(entries, fingerprints);
  }

  void run(int parallelism) {
    const std::size_t workers = std::max<std::size_t>(
        1, std::min<std::size_t>(static_cast<std::size_t>(std::max(parallelism, 1)), plan_.actions.size()));
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < workers; ++t) threads.emplace_back([this] { work(); });
    for (auto& t : threads) t.join();
  }

  ApplySummary summary() const {
    ApplySummary s;
    s.cancelled = cancel_.load();
    for (std::size_t i = 0; i < plan_.actions.size(); ++i) {
      const PlannedAction& a = plan_.actions[i];
      if (!mutates(a.action)) continue;
      ActionOutcome o{a.key, a.action, OutcomeKind::NotStarted, errors_[i], skippedBecause_[i], runIds_[i]};
      switch (state_[i]) {
        case NodeState::Succeeded: o.outcome = OutcomeKind::Done; ++s.done; break;
        case NodeState::Failed: o.outcome = OutcomeKind::Failed; ++s.failed; break;
        case NodeState::Skipped: o.outcome = OutcomeKind::Skipped; ++s.skipped; break;
        case NodeState::Pending:
        case NodeState::Running: ++s.notStarted; break;
      }
      s.outcomes.push_back(std::move(o));
    }
    return s;
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    while (true) {
      cv_.wait(lock, [this] { return !ready_.empty() || inFlight_ == 0 || cancel_.load(); });
      if (cancel_.load() || ready_.empty()) {
        if (ready_.empty() && inFlight_ > 0 && !cancel_.load()) continue;
        cv_.notify_all();
        return;
      }
      const std::size_t i = ready_.front();
      ready_.pop_front();
      state_[i] = NodeState::Running;
      ++inFlight_;
      lock.unlock();
      std::optional<Diagnostic> error = execute(i);
      lock.lock();
      --inFlight_;
      finish(i, std::move(error));
      cv_.notify_all();
    }
  }

  void finish(std::size_t i, std::optional<Diagnostic> error) {
    if (!error) {
      state_[i] = NodeState::Succeeded;
      for (std::size_t r : rdeps_[i]) {
        if (--pending_[r] == 0 && state_[r] == NodeState::Pending) ready_.push_back(r);
      }
      return;
    }
    state_[i] = NodeState::Failed;
    errors_[i] = std::move(error);
    // Everything downstream is skipped, each reported once, naming the failure's key.
    std::vector<std::size_t> stack(rdeps_[i].begin(), rdeps_[i].end());
    while (!stack.empty()) {
      std::size_t r = stack.back();
      stack.pop_back();
      if (state_[r] != NodeState::Pending) continue;
      state_[r] = NodeState::Skipped;
      skippedBecause_[r] = plan_.actions[i].key;
      if (mutates(plan_.actions[r].action)) observer_.actionSkipped(plan_.actions[r].key, plan_.actions[r].action, plan_.actions[i].key);
      stack.insert(stack.end(), rdeps_[r].begin(), rdeps_[r].end());
    }
  }

  std::optional<Diagnostic> execute(std::size_t i) {
    const PlannedAction& a = plan_.actions[i];
    if (!mutates(a.action)) return std::nullopt;
    observer_.actionStarted(a.key, a.action);
    std::optional<Diagnostic> error = perform(i);
    observer_.actionFinished(a.key, a.action, error ? OutcomeKind::Failed : OutcomeKind::Done, error ? &*error : nullptr);
    return error;
  }

  std::optional<Diagnostic> perform(std::size_t i) {
    const PlannedAction& a = plan_.actions[i];
    if (a.action == ActionKind::Run) return performRun(i);
    Provider& p = registry_.provider(a.key.kind);
    const bool fingerprinted = kindRules(a.key.kind).secretFingerprints;
    const std::vector<std::string> changed = changedFields(a);
    switch (a.action) {
      case ActionKind::Create:
      case ActionKind::Replace: {
        if (a.action == ActionKind::Replace) {
          Status removed = p.remove(a.observed);
          if (!removed) return failure(a.key, "replace (delete)", removed.diagnostics());
        }
        auto created = p.create(a.desired);
        if (!created) return failure(a.key, a.action == ActionKind::Replace ? "replace (create)" : "create", created.diagnostics());
        results_[i] = std::move(created).value();
        break;
      }
      case ActionKind::Update: {
        if (changed.empty()) {  // taken into the deployment, nothing else changes: the record says so
          results_[i] = a.observed;
          break;
        }
        auto updated = p.update(a.desired, a.observed, changed);
        if (!updated) return failure(a.key, "update", updated.diagnostics());
        results_[i] = std::move(updated).value();
        break;
      }
      case ActionKind::Delete: {
        if (plan_.deploymentScoped)
          if (auto refused = checkDeletable(i)) return refused;
        Status removed = p.remove(a.observed);
        if (!removed) return failure(a.key, "delete", removed.diagnostics());
        std::map<std::string, std::optional<nlohmann::json>> fingerprint;
        if (fingerprinted) fingerprint[a.key.name] = std::nullopt;
        Status gone = store_.changeMany({{a.key, std::nullopt}}, fingerprint);
        if (!gone) return failure(a.key, "remove it from the deployment's record", gone.diagnostics());
        return std::nullopt;
      }
      case ActionKind::NoOp:
      case ActionKind::Run:
        return std::nullopt;
    }
    return record(i);
  }

  // A delete re-reads its resource and goes ahead only when it is this deployment's now (its
  // marker, its record, or, for a repo or ingest file, a pipeline this plan deletes that uses
  // it): a plan file edited to delete something else, or a resource taken over since, is safe.
  std::optional<Diagnostic> checkDeletable(std::size_t i) {
    const PlannedAction& a = plan_.actions[i];
    auto now = registry_.provider(a.key.kind).observe({a.key});
    if (!now) return failure(a.key, "delete (re-read)", now.diagnostics());
    if (now->empty() || !(*now)[0].exists) return std::nullopt;  // already gone: nothing to refuse
    ObservedResource current = std::move((*now)[0]);
    current.key = a.key;
    auto recorded = store_.recorded(a.key);
    if (!recorded) return failure(a.key, "delete (read the record)", recorded.diagnostics());
    OwnershipScope scope{plan_.deployment.id(), {}};
    if (*recorded) scope.record.insert(a.key);
    const Owner owner = ownerOf(current, scope);
    if (owner.kind == OwnerKind::This || owner.kind == OwnerKind::Legacy) return std::nullopt;
    if (owner.kind == OwnerKind::None && usedByDeletedPipeline(i)) return std::nullopt;
    Diagnostics refused;
    refused.error(owner.kind == OwnerKind::Other ? "it is managed by deployment " + owner.deployment + " now"
                                                 : "it is not deployment " + plan_.deployment.id() + "'s",
                  std::nullopt, "nothing was deleted; run `community-connector plan` again");
    return failure(a.key, "delete", refused);
  }

  bool usedByDeletedPipeline(std::size_t i) const {
    const PlannedAction& a = plan_.actions[i];
    return (a.key.kind == ResourceKind::Repo || a.key.kind == ResourceKind::IngestFile) && usedByDeletes_.count(a.key);
  }

  // The deployment's record (and a connection's fingerprints) after a create or update.
  std::optional<Diagnostic> record(std::size_t i) {
    const PlannedAction& a = plan_.actions[i];
    if (!recordedKind(a.key.kind)) return std::nullopt;
    std::map<std::string, std::optional<nlohmann::json>> fingerprint;
    if (kindRules(a.key.kind).secretFingerprints) {
      auto key = store_.key();
      if (!key) return failure(a.key, "read the fingerprint key", key.diagnostics());
      fingerprint[a.key.name] = fingerprintsAfterWrite(a, *key);
    }
    Status written = store_.changeMany({{a.key, recordEntry(results_[i], a.desired.dependsOn)}}, fingerprint);
    if (!written) return failure(a.key, "write the deployment's record", written.diagnostics());
    return std::nullopt;
  }

  static Diagnostic runNotFollowed(const ResourceKey& key, const RunStatus& status, const std::string& why) {
    Diagnostics d;
    d.error("update " + status.updateId + " still " + status.state + ": " + why + "; it goes on in the workspace",
            std::nullopt, "follow it with run_pipeline or on the pipeline's page");
    return failure(key, "wait for run", d);
  }

  std::optional<Diagnostic> performRun(std::size_t i) {
    const PlannedAction& a = plan_.actions[i];
    std::string pipelineId;
    for (std::size_t d : deps_[i]) {
      if (plan_.actions[d].key.kind == ResourceKind::Pipeline) pipelineId = results_[d].remoteId;
    }
    if (pipelineId.empty()) {
      Diagnostics none;
      none.error("the pipeline's id is unknown");
      return failure(a.key, "run", none);
    }
    PipelineRunner& runner = registry_.runner();
    auto started = runner.start(pipelineId, a.desired.inputs.value("full_refresh", false));
    if (!started) return failure(a.key, "run", started.diagnostics());
    runIds_[i] = started->updateId;
    observer_.runStateChanged(a.key, started->updateId, started->state);
    if (!a.desired.inputs.value("wait", false)) return std::nullopt;
    RunStatus status = *started;
    const std::int64_t since = settings_.nowMs ? settings_.nowMs() : 0;
    while (!status.terminal()) {
      // Interrupted or out of time, the run is not done: its update goes on in the workspace.
      if (cancel_.load()) return runNotFollowed(a.key, status, "interrupted while following it");
      if (settings_.nowMs && settings_.waitTimeoutMs > 0 && settings_.nowMs() - since > settings_.waitTimeoutMs)
        return runNotFollowed(a.key, status, "--wait-timeout of " + std::to_string(settings_.waitTimeoutMs / 1000) + " s reached");
      auto polled = runner.poll(pipelineId, status.updateId, observer_.wantsRunEvents());
      if (!polled) return failure(a.key, "wait for run", polled.diagnostics());
      for (const RunEvent& event : polled->events) observer_.runEvent(a.key, polled->updateId, event);
      if (polled->state != status.state) observer_.runStateChanged(a.key, polled->updateId, polled->state);
      status = std::move(polled).value();
    }
    if (const RunState end = parseRunState(status.state); end == RunState::Failed || end == RunState::Canceled) {
      Diagnostics d;
      d.error("update " + status.updateId + " ended " + status.state);
      return failure(a.key, "run", d);
    }
    return std::nullopt;
  }

  const Plan& plan_;
  ProviderRegistry& registry_;
  const ApplySettings& settings_;
  ApplyObserver& observer_;
  std::atomic<bool>& cancel_;
  StateStore store_;
  std::set<ResourceKey> usedByDeletes_;  // what the pipelines this plan deletes use
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::size_t> ready_;
  std::size_t inFlight_ = 0;
  std::vector<NodeState> state_;
  std::vector<ObservedResource> results_;
  std::vector<std::optional<Diagnostic>> errors_;
  std::vector<std::optional<ResourceKey>> skippedBecause_;
  std::vector<std::string> runIds_;
  std::vector<std::vector<std::size_t>> deps_, rdeps_;
  std::vector<std::size_t> pending_;
};

}  // namespace

ApplySummary applyPlan(const Plan& plan, ProviderRegistry& registry, const ApplySettings& settings,
                       ApplyObserver& observer, std::atomic<bool>& cancel) {
  Walk walk(plan, registry, settings, observer, cancel);
  if (Status written = walk.writeRecordChanges(); !written) {
    ApplySummary failed = walk.summary();
    failed.recordError = written.diagnostics();
    return failed;
  }
  walk.run(settings.parallelism);
  return walk.summary();
}

}  // namespace cc::engine
