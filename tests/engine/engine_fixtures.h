#pragma once
// Shared helpers for engine tests: manifests built in code, the bundled data, one-call apply.

#include <atomic>
#include <nlohmann/json.hpp>

#include "engine/apply_observer.h"
#include "engine/config_layers.h"
#include "engine/executor.h"
#include "engine/manifest.h"
#include "engine/planner.h"
#include "support/in_memory_provider.h"

namespace cc::testing {

inline const engine::BundledData& bundled() {
  static const engine::BundledData data = [] {
    auto loaded = engine::loadBundledData(CC_SOURCE_DIR);
    if (!loaded) throw std::runtime_error("cannot load templates/ from " CC_SOURCE_DIR);
    return std::move(loaded).value();
  }();
  return data;
}

/// A manifest as the loader would hand it over: `secrets` maps pointers to plaintext, and the
/// document holds the source text ("${env.NAME}") at those pointers.
inline engine::Manifest manifestOf(nlohmann::json document, std::map<std::string, std::string> secrets = {}) {
  engine::Manifest m;
  m.file = "connectors.yaml";
  for (auto& [pointer, value] : secrets) {
    const std::string source = "${env." + std::to_string(std::hash<std::string>{}(pointer) % 1000) + "}";
    document[nlohmann::json::json_pointer(pointer)] = source;
    m.secrets[pointer] = engine::Secret(value, source);
  }
  m.document = std::move(document);
  return m;
}

/// One GitHub connection with a secret token and one pipeline using it.
inline nlohmann::json githubDocument() {
  return {{"version", 1},
          {"connections", {{"gh", {{"source", "github"}, {"options", {{"token", "x"}, {"owner", "myorg"}}}}}}},
          {"pipelines",
           {{"gh_ingest",
             {{"source", "github"},
              {"connection", "gh"},
              {"objects", {{{"table", {{"source_table", "issues"}}}}}}}}}}};
}

/// githubDocument() as loaded, its token `token`.
inline engine::Manifest githubManifest(const std::string& token = "ghp_one") {
  return manifestOf(githubDocument(), {{"/connections/gh/options/token", token}});
}

inline engine::Result<engine::Plan> planFor(const engine::Manifest& m, InMemoryProvider& ws,
                                            engine::PlanSettings settings = {}) {
  return engine::makePlan(m, bundled(), ws, settings);
}

inline engine::ApplySummary applyAll(const engine::Plan& plan, InMemoryProvider& ws, int parallelism = 4) {
  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  engine::ApplySettings settings;
  settings.parallelism = parallelism;
  return engine::applyPlan(plan, ws, settings, observer, cancel);
}

}  // namespace cc::testing
