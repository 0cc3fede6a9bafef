// Times `validate` (from YAML text) and `plan` of a large manifest against the in-memory
// provider: once against an empty workspace (everything is a create) and once after applying it
// (everything compared, secrets through their fingerprints). Prints milliseconds; never asserts
// (bench/, not tests/).
//
//   cmake -DCC_BENCH=ON ... && cmake --build . --target bench_planner
//   ./bench/planner/bench_planner [resources=10000] [secret_connections_percent=100] [cold]
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "engine/config_layers.h"
#include "engine/executor.h"
#include "engine/manifest.h"
#include "engine/model.h"
#include "engine/planner.h"
#include "support/in_memory_provider.h"

using namespace cc;

namespace {

// Process CPU time: the machine may be shared, and CPU time is what the planner itself costs.
double cpuMillis() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double millisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

/// Wall and process CPU time since construction.
struct Stopwatch {
  std::chrono::steady_clock::time_point wallStart = std::chrono::steady_clock::now();
  double cpuStart = cpuMillis();
  double wallMs() const { return millisSince(wallStart); }
  double cpuMs() const { return cpuMillis() - cpuStart; }
};

/// What the command line asks for, and the manifest's shape that follows from it.
struct Shape {
  int resources = 10000;
  int secretPercent = 100;
  bool coldOnly = false;  // "cold": stop after the first plan (for profiling validate + plan alone)
  int pipelines = 0;
  int connections = 0;
};

Shape shapeOf(int argc, char** argv) {
  Shape s;
  if (argc > 1) s.resources = std::atoi(argv[1]);
  if (argc > 2) s.secretPercent = std::atoi(argv[2]);
  s.coldOnly = argc > 3 && std::string(argv[3]) == "cold";
  // Each pipeline brings a repo, an ingest file and itself (3); each connection 1; plus the
  // shared directory: resources = 3P + C + 1 with C ≈ P.
  s.pipelines = (s.resources - 1) / 4;
  s.connections = s.resources - 1 - 3 * s.pipelines;
  return s;
}

// The manifest is written as YAML text, as a user would, so that the first timing is the
// whole of `validate` in-process: YAML → JSON with positions, interpolation, JSON Schema,
// semantic rules, secrets.
engine::ManifestInput manifestInput(const Shape& s) {
  std::string text = "version: 1\nconnections:\n";
  for (int i = 0; i < s.connections; ++i) {
    text += "  conn_" + std::to_string(i) + ":\n    source: github\n    options:\n      owner: org" + std::to_string(i) + "\n";
    if (i * 100 < s.secretPercent * s.connections) text += "      token: ${env.TOKEN}\n";
  }
  text += "pipelines:\n";
  for (int i = 0; i < s.pipelines; ++i) {
    text += "  pipe_" + std::to_string(i) + ":\n    source: github\n    connection: conn_" +
            std::to_string(i % s.connections) +
            "\n    objects:\n      - table: {source_table: issues}\n      - table: {source_table: pulls}\n";
  }
  engine::ManifestInput input;
  input.path = "bench.yaml";
  input.text = std::move(text);
  input.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TOKEN") return "ghp_bench_token_value";
    return std::nullopt;
  };
  return input;
}

/// What validate and the first plan cost.
struct ColdTimes {
  double validateMs = 0, validateCpu = 0, coldMs = 0, coldCpu = 0;
};

// The model alone, measured after the plan so that validate + plan run in the order and on
// the heap the CLI has; then the report of the cold run.
void reportCold(const Shape& s, const engine::ManifestInput& input, const engine::Manifest& m,
                const engine::BundledData& bundled, const engine::Plan& plan, const ColdTimes& t) {
  const auto start = std::chrono::steady_clock::now();
  std::size_t modelResources = 0;
  {
    auto state = engine::buildModel(m, {"alice@example.com", "h"}, bundled);
    modelResources = state ? state->resources.size() : 0;
  }
  const double modelMs = millisSince(start);
  std::printf("resources: %zu (%d pipelines, %d connections, %d%% with a secret)\n", plan.actions.size(), s.pipelines,
              s.connections, s.secretPercent);
  std::printf("validate (YAML text):    %8.1f ms wall, %8.1f ms cpu (%zu bytes)\n", t.validateMs, t.validateCpu, input.text->size());
  std::printf("model only:              %8.1f ms (%zu resources)\n", modelMs, modelResources);
  std::printf("plan, empty workspace:   %8.1f ms wall, %8.1f ms cpu (%d creates)\n", t.coldMs, t.coldCpu, plan.counts().create);
  std::printf("validate + plan:         %8.1f ms wall, %8.1f ms cpu\n", t.validateMs + t.coldMs, t.validateCpu + t.coldCpu);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS so far:         %8.1f MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
}

// Applies the plan in memory, then plans again: everything compared, secrets through their
// fingerprints.
void applyThenPlanAgain(const engine::Plan& plan, const engine::Manifest& m, const engine::BundledData& bundled,
                        testing::InMemoryProvider& ws) {
  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  auto start = std::chrono::steady_clock::now();
  auto summary = engine::applyPlan(plan, ws, {10}, observer, cancel);
  std::printf("apply (in memory):       %8.1f ms (%d done, %d failed)\n", millisSince(start), summary.done, summary.failed);

  Stopwatch warm;
  auto again = engine::makePlan(m, bundled, ws, {});
  const double warmMs = warm.wallMs();
  const double warmCpu = warm.cpuMs();
  std::printf("plan, after apply:       %8.1f ms wall, %8.1f ms cpu (%d unchanged, %s)\n", warmMs, warmCpu, again->counts().unchanged,
              again->hasChanges() ? "CHANGES" : "no changes");
}

}  // namespace

int main(int argc, char** argv) {
  const Shape shape = shapeOf(argc, argv);
  auto bundled = engine::loadBundledData(CC_SOURCE_DIR);
  if (!bundled) {
    std::fprintf(stderr, "cannot load templates from %s\n", CC_SOURCE_DIR);
    return 1;
  }
  const engine::ManifestInput input = manifestInput(shape);
  ColdTimes times;
  Stopwatch validate;
  auto loaded = engine::loadManifest(input);
  times.validateMs = validate.wallMs();
  times.validateCpu = validate.cpuMs();
  if (!loaded) {
    std::fprintf(stderr, "invalid manifest: %s\n", loaded.diagnostics().items()[0].summary.c_str());
    return 1;
  }
  const engine::Manifest& m = *loaded;

  testing::InMemoryProvider ws;
  Stopwatch cold;
  auto plan = engine::makePlan(m, *bundled, ws, {});
  times.coldMs = cold.wallMs();
  times.coldCpu = cold.cpuMs();
  if (!plan) {
    std::fprintf(stderr, "plan failed: %s\n", plan.diagnostics().items()[0].summary.c_str());
    return 1;
  }
  reportCold(shape, input, m, *bundled, *plan, times);
  if (!shape.coldOnly) applyThenPlanAgain(*plan, m, *bundled, ws);
  return 0;
}
