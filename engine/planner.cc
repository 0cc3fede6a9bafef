#include "engine/planner.h"

#include <algorithm>
#include <future>
#include <map>
#include <set>

#include "engine/field_rules.h"
#include "engine/fingerprint_store.h"
#include "engine/ownership.h"
#include "engine/plan_file.h"
#include "engine/resource_graph.h"

namespace cc::engine {
namespace {

using ObservedMap = std::map<ResourceKey, ObservedResource>;

[[maybe_unused]] constexpr ResourceKind kObservableKinds[] = {ResourceKind::Connection, ResourceKind::Directory, ResourceKind::Repo,
                                             ResourceKind::IngestFile, ResourceKind::Pipeline};

Diagnostics withContext(const Diagnostics& in, const std::string& operation) {
  Diagnostics out;
  for (Diagnostic d : in.items()) {
    d.summary = operation + ": " + d.summary;
    out.add(std::move(d));
  }
  return out;
}

// One batched observe per kind, all kinds at once; the fingerprint store (one file) alongside.
Result<ObservedMap> observeAll(ProviderRegistry& registry, const std::map<ResourceKind, std::vector<ResourceKey>>& byKind,
                               const std::string& root) {
  std::vector<std::pair<ResourceKind, std::future<Result<std::vector<ObservedResource>>>>> pending;
  for (const auto& [kind, keys] : byKind) {
    if (keys.empty()) continue;
    Provider& p = registry.provider(kind);
    pending.emplace_back(kind, std::async(std::launch::async, [&p, &keys = keys] { return p.observe(keys); }));
  }
  const bool connections = byKind.count(ResourceKind::Connection) > 0;
  const std::string storePath = fingerprintStorePath(root);
  Workspace& ws = registry.workspace();
  auto store = std::async(std::launch::async, [&ws, &storePath, connections]() -> Result<std::map<std::string, SmallFile>> {
    if (!connections) return std::map<std::string, SmallFile>{};
    return ws.readFiles({storePath});
  });
  Diagnostics errors;
  ObservedMap observed;
  for (auto& [kind, future] : pending) {
    auto result = future.get();
    if (!result) {
      errors.append(withContext(result.diagnostics(), "reading " + std::string(kindName(kind)) + "s"));
      continue;
    }
    const auto& keys = byKind.at(kind);
    if (result->size() != keys.size()) {
      errors.error("reading " + std::string(kindName(kind)) + "s: the provider answered " +
                   std::to_string(result->size()) + " of " + std::to_string(keys.size()) + " resources");
      continue;
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
      ObservedResource o = std::move((*result)[i]);
      o.key = keys[i];
      observed[keys[i]] = std::move(o);
    }
  }
  auto files = store.get();
  if (!files) errors.append(withContext(files.diagnostics(), "reading the secret fingerprint store"));
  if (errors.hasErrors()) return errors;
  auto f = files->find(storePath);
  if (f == files->end()) return observed;
  auto records = parseFingerprintStore(f->second.content);
  const FingerprintKey fingerprintKey = fingerprintKeyOf(f->second.content);
  for (auto& [key, o] : observed) {
    if (key.kind != ResourceKind::Connection) continue;
    o.fingerprintKey = fingerprintKey;
    if (auto r = records.find(key.name); r != records.end()) o.fingerprints = std::move(r->second);
  }
  return observed;
}

int deleteRank(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::PipelineRun: return 0;
    case ResourceKind::Pipeline: return 1;
    case ResourceKind::Connection: return 2;
    case ResourceKind::IngestFile: return 2;
    case ResourceKind::Repo: return 3;
    case ResourceKind::Directory: return 4;
  }
  return 5;
}

void unknownTarget(Diagnostics& errors, const std::string& target) {
  errors.error("--target " + target + " matches no resource of the manifest", std::nullopt,
               "name a connection or pipeline of the manifest, or an address such as pipeline.NAME");
}

Result<std::vector<std::size_t>> selectTargets(const ResourceGraph& graph, const std::vector<std::string>& targets) {
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

void diffOne(PlannedAction& a, DesiredResource&& desired, ObservedResource&& observed, const PlanSettings& settings,
             const std::string& root) {
  a.desired = std::move(desired);
  a.observed = std::move(observed);
  const DesiredResource& d = a.desired;
  const ObservedResource& o = a.observed;
  a.owned = isOwned(o, root);
  const bool markerKind = d.key.kind == ResourceKind::Connection || d.key.kind == ResourceKind::Pipeline;
  if (o.exists && markerKind && !a.owned && !settings.destroy) {
    if (!settings.adopt) {
      a.action = ActionKind::NoOp;
      a.notes.push_back("exists but is not managed by community-connector (no ownership marker); "
                        "run with --adopt to manage it");
      return;
    }
    DiffOptions options;
    if (d.key.kind == ResourceKind::Connection) options.ignoreFields.insert("comment");  // immutable marker
    DiffResult diff = diffResource(d, o, options);
    a.action = diff.action == ActionKind::NoOp ? ActionKind::Update : diff.action;
    a.changes = std::move(diff.changes);
    a.changes.insert(a.changes.begin(), FieldChange{"(ownership)", "unmanaged", "managed", false, false, "--adopt"});
    a.desired.inputs["adopt"] = true;
    return;
  }
  DiffResult diff = diffResource(d, o);
  a.action = diff.action;
  a.changes = std::move(diff.changes);
}

}  // namespace

Result<Plan> planDesiredState(DesiredState state, ProviderRegistry& registry, const PlanSettings& settings) {
  std::set<ResourceKey> desiredKeys;
  for (const auto& r : state.resources) desiredKeys.insert(r.key);
  std::vector<ResourceGraph::Node> nodes;
  for (const auto& r : state.resources) nodes.push_back({r.key, r.dependsOn});
  auto graph = ResourceGraph::build(std::move(nodes));
  if (!graph) return graph.diagnostics();
  std::vector<std::size_t> selected;
  if (settings.targets.empty()) {
    for (std::size_t i = 0; i < graph->size(); ++i) selected.push_back(i);
  } else {
    auto chosen = selectTargets(*graph, settings.targets);
    if (!chosen) return chosen.diagnostics();
    selected = std::move(chosen).value();
  }

  std::map<ResourceKind, std::vector<ResourceKey>> byKind;
  for (std::size_t i : selected) {
    if (graph->key(i).kind != ResourceKind::PipelineRun) byKind[graph->key(i).kind].push_back(graph->key(i));
  }
  for (const auto& name : state.externalConnections) {
    auto& conns = byKind[ResourceKind::Connection];
    ResourceKey k{ResourceKind::Connection, name};
    if (std::find(conns.begin(), conns.end(), k) == conns.end()) conns.push_back(k);
  }
  auto observed = observeAll(registry, byKind, state.toolRoot);
  if (!observed) return observed.diagnostics();

  Plan plan;
  plan.toolRoot = state.toolRoot;
  plan.context = state.context;
  plan.warnings = state.warnings;
  plan.manifestFile = settings.manifestFile;
  Diagnostics errors;
  for (const auto& name : state.externalConnections) {
    const auto& o = observed->at({ResourceKind::Connection, name});
    if (!o.exists) {
      errors.error("connection " + name + " is referenced by a pipeline but neither the manifest nor the workspace has it",
                   std::nullopt, "add it under `connections:` or create it first");
    }
  }
  if (errors.hasErrors()) return errors;

  std::map<ResourceKey, PlannedAction> actions;
  for (std::size_t i : selected) {
    // Graph nodes and state.resources are both sorted by key: index i is the same resource.
    DesiredResource& d = state.resources[i];
    PlannedAction a;
    a.key = d.key;
    if (d.key.kind == ResourceKind::PipelineRun) {
      a.desired = std::move(d);
      // `selected` is in key order, so every insertion lands at the end.
      actions.emplace_hint(actions.end(), a.key, std::move(a));
      continue;
    }
    ObservedResource& o = observed->at(d.key);
    if (settings.destroy) {
      a.observed = o;
      a.owned = isOwned(o, state.toolRoot);
      if (!o.exists || d.key.kind == ResourceKind::Directory) continue;  // shared folders stay
      if (a.owned) {
        a.action = ActionKind::Delete;
      } else {
        a.notes.push_back("not managed by community-connector; left in place");
      }
      actions.emplace_hint(actions.end(), a.key, std::move(a));
      continue;
    }
    const ResourceKey key = d.key;
    diffOne(a, std::move(d), std::move(o), settings, state.toolRoot);
    if (a.action == ActionKind::Replace) {
      for (const FieldChange& c : a.changes) {
        if (c.forcesReplace) a.notes.push_back("replaced because " + c.field + " changed: " + c.reason);
      }
      if (replacementDropsData(key.kind)) {
        a.notes.push_back("warning: replacing pipeline " + key.name + " deletes it and drops the tables it published");
      }
    }
    actions.emplace_hint(actions.end(), key, std::move(a));
  }

  if (!settings.destroy) {
    // Contents of a recreated repo are gone: files inside it must be written again.
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
    // A run follows a change of its pipeline or of anything the pipeline depends on.
    for (auto& [key, a] : actions) {
      if (key.kind != ResourceKind::PipelineRun) continue;
      bool changed = false;
      for (std::size_t j : graph->withDependencies({graph->indexOf(key)})) {
        auto it = actions.find(graph->key(j));
        if (j != graph->indexOf(key) && it != actions.end() && mutates(it->second.action)) changed = true;
      }
      a.action = changed ? ActionKind::Run : ActionKind::NoOp;
      if (!changed) a.notes.push_back("not run: nothing it depends on changes");
    }
  }

  if (settings.prune && !settings.destroy && settings.targets.empty()) {
    for (ResourceKind kind : {ResourceKind::Connection, ResourceKind::Pipeline, ResourceKind::Repo}) {
      auto owned = registry.provider(kind).listOwned(state.toolRoot);
      if (!owned) {
        errors.append(withContext(owned.diagnostics(), "listing owned " + std::string(kindName(kind)) + "s"));
        continue;
      }
      for (ObservedResource& o : *owned) {
        if (desiredKeys.count(o.key) || actions.count(o.key) || !isOwned(o, state.toolRoot)) continue;
        PlannedAction a;
        a.key = o.key;
        a.action = ActionKind::Delete;
        a.owned = true;
        a.observed = std::move(o);
        if (kind == ResourceKind::Pipeline) a.notes.push_back("warning: deleting pipeline " + a.key.name + " drops the tables it published");
        actions[a.key] = std::move(a);
      }
    }
    if (errors.hasErrors()) return errors;
  }

  // Edges: creates/updates follow the model; deletes run in reverse (dependents go first).
  for (auto& [key, a] : actions) {
    if (a.action == ActionKind::Delete) {
      for (const auto& [other, b] : actions) {
        if (b.action == ActionKind::Delete && deleteRank(other.kind) < deleteRank(key.kind)) a.dependsOn.push_back(other);
      }
    } else {
      for (const auto& dep : a.desired.dependsOn) {
        if (actions.count(dep)) a.dependsOn.push_back(dep);
      }
    }
  }
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

}  // namespace

Result<Plan> makePlan(const Manifest& manifest, const BundledData& bundled, ProviderRegistry& registry,
                      const PlanSettings& settings) {
  if (auto checked = checkTargetsOffline(manifest, settings.targets); !checked) return checked.diagnostics();
  auto context = registry.workspace().currentContext();
  if (!context) return withContext(context.diagnostics(), "reading the current user");
  auto state = buildModel(manifest, *context, bundled, settings.model);
  if (!state) return state.diagnostics();
  auto plan = planDesiredState(std::move(state).value(), registry, settings);
  if (!plan) return plan;
  plan->manifestDigest = manifestDigest(manifest);
  if (plan->manifestFile.empty()) plan->manifestFile = manifest.file;
  plan->warnings.append(manifest.warnings);
  plan->sensitive = SensitiveValues(manifest.sensitiveValues);
  return plan;
}

Status checkStale(const Plan& plan, ProviderRegistry& registry) {
  std::map<ResourceKind, std::vector<ResourceKey>> byKind;
  for (const auto& a : plan.actions) {
    if (a.key.kind != ResourceKind::PipelineRun) byKind[a.key.kind].push_back(a.key);
  }
  auto observed = observeAll(registry, byKind, plan.toolRoot);
  if (!observed) return observed.diagnostics();
  Diagnostics stale;
  for (const auto& a : plan.actions) {
    if (a.key.kind == ResourceKind::PipelineRun) continue;
    const ObservedResource& now = observed->at(a.key);
    // A directory that appeared since is no conflict: creating it is an idempotent mkdirs, and
    // taking the apply lock itself creates the tool's root directory.
    if (a.key.kind == ResourceKind::Directory && now.exists && !a.observed.exists) continue;
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
