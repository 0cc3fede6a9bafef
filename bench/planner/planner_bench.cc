// Times `plan` of a large manifest against the in-memory provider: once against an empty
// workspace (everything is a create) and once after applying it (everything compared, secrets
// through their fingerprints). Prints milliseconds; never asserts (bench/, not tests/).
//
//   cmake -DCC_BENCH=ON ... && cmake --build . --target bench_planner
//   ./bench/planner/bench_planner [resources=10000] [secret_connections_percent=100]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "engine/config_layers.h"
#include "engine/executor.h"
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

}  // namespace

int main(int argc, char** argv) {
  const int resources = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int secretPercent = argc > 2 ? std::atoi(argv[2]) : 100;
  // Each pipeline brings a repo, an ingest file and itself (3); each connection 1; plus the
  // shared directory: resources = 3P + C + 1 with C ≈ P.
  const int pipelines = (resources - 1) / 4;
  const int connections = resources - 1 - 3 * pipelines;
  auto bundled = engine::loadBundledData(CC_SOURCE_DIR);
  if (!bundled) {
    std::fprintf(stderr, "cannot load templates from %s\n", CC_SOURCE_DIR);
    return 1;
  }
  engine::Manifest m;
  m.file = "bench.yaml";
  m.document = {{"version", 1}, {"connections", nlohmann::json::object()}, {"pipelines", nlohmann::json::object()}};
  for (int i = 0; i < connections; ++i) {
    const std::string name = "conn_" + std::to_string(i);
    m.document["connections"][name] = {{"source", "github"}, {"options", {{"owner", "org" + std::to_string(i)}}}};
    if (i * 100 < secretPercent * connections) {
      m.document["connections"][name]["options"]["token"] = "${env.TOKEN}";
      m.secrets["/connections/" + name + "/options/token"] = engine::Secret("ghp_" + std::to_string(i * 7919), "${env.TOKEN}");
    }
  }
  for (int i = 0; i < pipelines; ++i) {
    m.document["pipelines"]["pipe_" + std::to_string(i)] = {
        {"source", "github"},
        {"connection", "conn_" + std::to_string(i % connections)},
        {"objects", {{{"table", {{"source_table", "issues"}}}}, {{"table", {{"source_table", "pulls"}}}}}}};
  }

  testing::InMemoryProvider ws;
  auto start = std::chrono::steady_clock::now();
  auto state = engine::buildModel(m, {"alice@example.com", "h"}, *bundled);
  const double modelMs = millisSince(start);
  start = std::chrono::steady_clock::now();
  double cpu = cpuMillis();
  auto plan = engine::makePlan(m, *bundled, ws, {});
  const double coldMs = millisSince(start);
  const double coldCpu = cpuMillis() - cpu;
  if (!plan) {
    std::fprintf(stderr, "plan failed: %s\n", plan.diagnostics().items()[0].summary.c_str());
    return 1;
  }
  std::printf("resources: %zu (%d pipelines, %d connections, %d%% with a secret)\n", plan->actions.size(), pipelines,
              connections, secretPercent);
  std::printf("model only:              %8.1f ms (%zu resources)\n", modelMs, state->resources.size());
  std::printf("plan, empty workspace:   %8.1f ms wall, %8.1f ms cpu (%d creates)\n", coldMs, coldCpu, plan->counts().create);

  engine::NullApplyObserver observer;
  std::atomic<bool> cancel{false};
  start = std::chrono::steady_clock::now();
  auto summary = engine::applyPlan(*plan, ws, {10}, observer, cancel);
  std::printf("apply (in memory):       %8.1f ms (%d done, %d failed)\n", millisSince(start), summary.done, summary.failed);

  start = std::chrono::steady_clock::now();
  cpu = cpuMillis();
  auto again = engine::makePlan(m, *bundled, ws, {});
  const double warmMs = millisSince(start);
  const double warmCpu = cpuMillis() - cpu;
  std::printf("plan, after apply:       %8.1f ms wall, %8.1f ms cpu (%d unchanged, %s)\n", warmMs, warmCpu, again->counts().unchanged,
              again->hasChanges() ? "CHANGES" : "no changes");
  return 0;
}
