#include "engine/planner.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/connection_grants.h"
#include "engine/field_rules.h"
#include "engine/plan_file.h"
#include "engine/planner_phases.h"
#include "engine/resource_graph.h"

namespace cc::engine {
namespace {

void unknownTarget(Diagnostics& errors, const std::string& target) {
  errors.error("--target " + target + " matches no resource of the manifest", std::nullopt,
               "name a connection or pipeline of the manifest, or an address such as pipeline.NAME");
}

Result<std::vector<std::size_t>> selectTargets(const ResourceGraph& graph, const std::vector<std::string>& targets) {
  if (targets.empty()) {
    std::vector<std::size_t> all(graph.size());
    for (std::size_t i = 0; i < graph.size(); ++i) all[i] = i;
    return all;
  }
  std::vector<std::size_t> roots;
  Diagnostics errors;
  for (const std::string& t : targets) {
    bool found = false;
    for (std::size_t i = 0; i < graph.size(); ++i) {
      if (graph.key(i).address() == t || graph.key(i).name == t) {
        roots.push_back(i);
        found = true;
      }
    }
    if (!found) unknownTarget(errors, t);
  }
  if (errors.hasErrors()) return errors;
  return graph.withDependencies(roots);
}

KeysByKind keysToObserve(const ResourceGraph& graph, const std::vector<std::size_t>& selected,
                         const std::vector<std::string>& externalConnections) {
  KeysByKind byKind;
  for (std::size_t i : selected) {
    if (graph.key(i).kind != ResourceKind::PipelineRun) byKind[graph.key(i).kind].push_back(graph.key(i));
  }
  for (const auto& name : externalConnections) {
    auto& conns = byKind[ResourceKind::Connection];
    ResourceKey k{ResourceKind::Connection, name};
    if (std::find(conns.begin(), conns.end(), k) == conns.end()) conns.push_back(k);
  }
  return byKind;
}

Status checkExternalConnections(const std::vector<std::string>& names, const ObservedMap& observed) {
  Diagnostics errors;
  for (const auto& name : names) {
    if (!observed.at({ResourceKind::Connection, name}).exists) {
      errors.error("connection " + name + " is referenced by a pipeline but neither the manifest nor the workspace has it",
                   std::nullopt, "add it under `connections:` or create it first");
    }
  }
  if (errors.hasErrors()) return errors;
  return okStatus();
}

// One action per selected desired resource (diff, or destroy's delete).
Status actionsForDesired(DesiredState& state, const std::vector<std::size_t>& selected, Observation& observation,
                         const OwnershipScope& scope, const PlanSettings& settings, ActionMap& actions) {
  Diagnostics errors;
  for (std::size_t i : selected) {
    // Graph nodes and state.resources are both sorted by key: index i is the same resource.
    DesiredResource& d = state.resources[i];
    PlannedAction a;
    a.key = d.key;
    if (d.key.kind == ResourceKind::PipelineRun) {
      if (settings.destroy) continue;
      a.desired = std::move(d);
      actions.emplace_hint(actions.end(), a.key, std::move(a));
      continue;
    }
    ObservedResource& o = observation.resources.at(d.key);
    if (settings.destroy) {
      if (!o.exists || kindRules(d.key.kind).shared) continue;  // shared folders stay
      a.desired.dependsOn = d.dependsOn;  // what it uses is deleted after it
      destroyPhase(a, std::move(o), scope);
    } else if (d.intent != Intent::Converge) {
      intentPhase(a, std::move(d), std::move(o));
    } else {
      diffPhase(a, std::move(d), std::move(o), scope, settings, errors);
      if (a.action == ActionKind::Replace) {
        for (const FieldChange& c : a.changes)
          if (c.forcesReplace)
            a.notes.push_back("replaced because " + manifestFieldName(a.key.kind, c.field) + " changed: " + c.reason);
        if (replacementDropsData(a.key.kind))
          a.notes.push_back("warning: replacing pipeline " + a.key.name + " deletes it and drops the tables it published");
      }
    }
    actions.emplace_hint(actions.end(), a.key, std::move(a));
  }
  if (errors.hasErrors()) return errors;
  return okStatus();
}

// Contents of a recreated repo are gone: files inside it must be written again. A run follows
// a change of its pipeline or of anything the pipeline depends on.
void cascadePhase(const ResourceGraph& graph, ActionMap& actions) {
  for (auto& [key, a] : actions) {
    if (key.kind != ResourceKind::IngestFile) continue;
    for (const auto& dep : a.desired.dependsOn) {
      auto repo = actions.find(dep);
      if (dep.kind == ResourceKind::Repo && repo != actions.end() &&
          (repo->second.action == ActionKind::Replace || repo->second.action == ActionKind::Create) &&
          a.action != ActionKind::Create) {
        a.action = ActionKind::Create;
        a.changes = creationChanges(a.desired);
        a.notes.push_back("written again because its repo is recreated");
      }
    }
  }
  for (auto& [key, a] : actions) {
    if (key.kind != ResourceKind::PipelineRun) continue;
    bool changed = false;
    for (std::size_t j : graph.withDependencies({graph.indexOf(key)})) {
      auto it = actions.find(graph.key(j));
      if (j != graph.indexOf(key) && it != actions.end() && mutates(it->second.action)) changed = true;
    }
    if (a.desired.intent == Intent::Run) changed = true;
    a.action = changed ? ActionKind::Run : ActionKind::NoOp;
    if (!changed) a.notes.push_back("not run: nothing it depends on changes");
  }
}

// A repo or ingest file outside the record is the deployment's when a pipeline it owns uses
// it (a record lost, or made by an earlier release): destroy deletes it with its pipeline, and
// apply writes it into the record.
void pathOwnershipPhase(ActionMap& actions, bool destroy) {
  std::set<ResourceKey> used;
  for (const auto& [key, a] : actions)
    if (key.kind == ResourceKind::Pipeline && a.owned)
      for (const ResourceKey& dep : a.desired.dependsOn) used.insert(dep);
  for (auto& [key, a] : actions) {
    if ((key.kind != ResourceKind::Repo && key.kind != ResourceKind::IngestFile) || a.owned || !used.count(key)) continue;
    if (!a.observed.exists) continue;
    a.owned = true;
    if (destroy) {
      a.action = ActionKind::Delete;
      a.notes.clear();
    }
  }
}

// Resources the deployment owns that its record lacks are written into it by apply; the
// managed count includes them.
void recordPhase(const ActionMap& actions, const Observation& observation, Plan& plan) {
  for (const auto& [key, a] : actions) {
    if (!recordedKind(key.kind) || !a.observed.exists || !a.owned) continue;
    ++plan.managedCount;
    if (a.action == ActionKind::NoOp && !observation.state.resources.count(key))
      plan.recordChanges[key] = recordEntry(a.observed, a.desired.dependsOn);
  }
}

}  // namespace

Result<Plan> planDesiredState(DesiredState state, ProviderRegistry& registry, const PlanSettings& settings) {
  std::set<ResourceKey> desiredKeys;
  std::vector<ResourceGraph::Node> nodes;
  for (const auto& r : state.resources) {
    desiredKeys.insert(r.key);
    nodes.push_back({r.key, r.dependsOn});
  }
  auto graph = ResourceGraph::build(std::move(nodes));
  if (!graph) return graph.diagnostics();
  auto selected = selectTargets(*graph, settings.targets);
  if (!selected) return selected.diagnostics();

  auto observation = observePhase(registry, keysToObserve(*graph, *selected, state.externalConnections),
                                  state.deployment, state.toolRoot, state.stateFile);
  if (!observation) return observation.diagnostics();
  if (auto ok = checkExternalConnections(state.externalConnections, observation->resources); !ok) return ok.diagnostics();

  OwnershipScope scope{state.deployment.id(), {}};
  for (const auto& [key, entry] : observation->state.resources) scope.record.insert(key);
  ActionMap actions;
  if (auto ok = actionsForDesired(state, *selected, *observation, scope, settings, actions); !ok) return ok.diagnostics();
  if (!settings.destroy) cascadePhase(*graph, actions);
  pathOwnershipPhase(actions, settings.destroy);

  Plan plan;
  plan.toolRoot = state.toolRoot;
  plan.deployment = state.deployment;
  plan.context = state.context;
  plan.deploymentUser = state.context.userName;
  plan.deploymentScoped = settings.model.markOwnership;
  plan.warnings = state.warnings;
  plan.manifestFile = settings.manifestFile;
  recordPhase(actions, *observation, plan);
  if (auto ok = orphanPhase(registry, *observation, scope, settings, desiredKeys, actions, plan); !ok)
    return withContext(ok.diagnostics(), "listing deployment " + scope.deploymentId + "'s resources");
  edgePhase(actions);
  plan.actions.reserve(actions.size());
  for (auto& [key, a] : actions) plan.actions.push_back(std::move(a));
  return plan;
}

namespace {

// A --target that names no connection or pipeline of the manifest is refused before the
// workspace is read. Addresses of the other kinds (repo./directory./ingest_file.) name paths
// that depend on the current user, so only planDesiredState can check them.
Status checkTargetsOffline(const Manifest& manifest, const std::vector<std::string>& targets) {
  auto declared = [&](const char* section, const std::string& name) {
    const auto& doc = manifest.document;
    return doc.is_object() && doc.contains(section) && doc[section].is_object() && doc[section].contains(name);
  };
  Diagnostics errors;
  for (const std::string& t : targets) {
    const auto dot = t.find('.');
    ResourceKind kind;
    bool possible = declared("connections", t) || declared("pipelines", t) || t.starts_with("/");
    if (!possible && dot != std::string::npos && parseKindName(std::string_view(t).substr(0, dot), kind)) {
      const std::string name = t.substr(dot + 1);
      possible = kind == ResourceKind::Connection ? declared("connections", name)
                 : kind == ResourceKind::Pipeline || kind == ResourceKind::PipelineRun ? declared("pipelines", name)
                                                                                         : true;
    }
    if (!possible) unknownTarget(errors, t);
  }
  if (errors.hasErrors()) return errors;
  return okStatus();
}

// The deployment's state file, read once for the whole plan.
Result<StateFileSnapshot> readStateFile(Workspace& workspace, const Deployment& deployment) {
  auto files = workspace.readFiles({deployment.stateFile()});
  if (!files) return withContext(files.diagnostics(), "reading the deployment's state " + deployment.stateFile());
  auto f = files->find(deployment.stateFile());
  if (f == files->end()) return StateFileSnapshot{};
  return StateFileSnapshot{f->second.content};
}

}  // namespace

Result<Plan> makePlan(const Manifest& manifest, const BundledData& bundled, ProviderRegistry& registry,
                      const PlanSettings& settings) {
  if (auto checked = checkTargetsOffline(manifest, settings.targets); !checked) return checked.diagnostics();
  auto context = registry.workspace().currentContext();
  if (!context) return withContext(context.diagnostics(), "reading the current user");
  // {CURRENT_USER} is the deployment's user, so that every identity plans the same paths.
  auto stateFile = readStateFile(registry.workspace(), manifest.deployment);
  if (!stateFile) return stateFile.diagnostics();
  const std::string user = stateFile->content ? parseStateFile(*stateFile->content).user : std::string();
  WorkspaceContext modelled = *context;
  if (!user.empty()) modelled.userName = user;
  auto state = buildModel(manifest, modelled, bundled, settings.model);
  if (!state) return state.diagnostics();
  state->stateFile = std::move(stateFile).value();
  auto plan = planDesiredState(std::move(state).value(), registry, settings);
  if (!plan) return plan;
  plan->context = *context;
  plan->deploymentUser = modelled.userName;
  plan->manifestDigest = manifestDigest(manifest);
  if (plan->manifestFile.empty()) plan->manifestFile = manifest.file;
  plan->warnings.append(manifest.warnings);
  plan->sensitive = SensitiveValues(manifest.sensitiveValues);
  noteMissingGrants(*plan);
  return plan;
}

Result<std::vector<ObservedResource>> observeResources(ProviderRegistry& registry, const std::vector<ResourceKey>& keys) {
  KeysByKind byKind;
  for (const ResourceKey& k : keys) byKind[k.kind].push_back(k);
  auto seen = observeKinds(registry, byKind);
  if (!seen) return seen.diagnostics();
  std::vector<ObservedResource> out;
  for (const ResourceKey& k : keys) out.push_back(seen->at(k));
  return out;
}

Status checkStale(const Plan& plan, ProviderRegistry& registry) {
  std::map<ResourceKind, std::vector<ResourceKey>> byKind;
  for (const auto& a : plan.actions) {
    if (!kindRules(a.key.kind).isAction) byKind[a.key.kind].push_back(a.key);
  }
  auto observation = observePhase(registry, byKind, plan.deployment, {}, std::nullopt);
  if (!observation) return observation.diagnostics();
  const ObservedMap* observed = &observation->resources;
  Diagnostics stale;
  for (const auto& a : plan.actions) {
    if (kindRules(a.key.kind).isAction) continue;
    const ObservedResource& now = observed->at(a.key);
    // A directory that appeared since is no conflict: creating it is an idempotent mkdirs, and
    // taking the apply lock itself creates the tool's root directory.
    if (kindRules(a.key.kind).shared && now.exists && !a.observed.exists) continue;
    std::string what;
    if (now.exists != a.observed.exists) {
      what = now.exists ? "was created" : "was deleted";
    } else if (now.version != a.observed.version) {
      what = "changed (version " + a.observed.version + " → " + now.version + ")";
    }
    if (!what.empty()) {
      Diagnostic d;
      d.summary = "the plan is stale: " + a.key.address() + " " + what + " since the plan was made";
      d.detail = "run `community-connector plan -o FILE` again and review the new plan";
      d.resource = a.key.display();
      stale.add(std::move(d));
    }
  }
  if (stale.hasErrors()) return stale;
  return okStatus();
}

}  // namespace cc::engine
