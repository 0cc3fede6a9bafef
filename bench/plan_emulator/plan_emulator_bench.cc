// No-op `plan` and full `apply` of N resources (P pipelines, each with its connection, repo and
// ingest file, plus the shared directory: 4P + 1) through the real CLI against the emulator at
// --latency-ms L, at parallelism 1, 10 and 32, compared in the same run with
//   (a) one GET per resource, one request at a time,
//   (b) one GET per resource at parallelism 10 (the common reconciler refresh), and
//   (c) the critical-path bound of the plan's own requests: max(dependency levels × RTT,
//       requests × RTT / 32 connections, the client's cap), levels read from the request log (Me, then the
//       pages of the longest paged list, then one more level if per-item reads follow).
// Prints Markdown; never asserts.
//
//   cmake -DCC_BENCH=ON ... && cmake --build . --target bench_plan_emulator
//   ./bench/plan_emulator/bench_plan_emulator [pipelines=250] [latency_ms=20]
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "providers/workspace_api.h"
#include "support/emulator_process.h"

namespace fs = std::filesystem;
using cc::test_support::EmulatorProcess;

namespace {

double millisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::string manifest(int pipelines) {
  std::ostringstream m;
  m << "version: 1\nconnections:\n";
  for (int i = 0; i < pipelines; ++i)
    m << "  conn_" << i << ":\n    source: github\n    options:\n      token: ${env.GITHUB_TOKEN}\n";
  m << "pipelines:\n";
  for (int i = 0; i < pipelines; ++i)
    m << "  ingest_" << i << ":\n    source: github\n    connection: conn_" << i
      << "\n    catalog: main\n    schema: raw_" << i << "\n    objects:\n      - table: { source_table: issues }\n";
  return m.str();
}

void pointAt(const EmulatorProcess& e, const fs::path& home) {
  ::setenv("DATABRICKS_HOST", e.url().c_str(), 1);
  ::setenv("DATABRICKS_TOKEN", e.token().c_str(), 1);
  ::setenv("SSL_CERT_FILE", e.caFile().c_str(), 1);
  ::setenv("HOME", home.c_str(), 1);
  ::setenv("DATABRICKS_CONFIG_FILE", (home / "none").c_str(), 1);
  ::setenv("GITHUB_TOKEN", "ghp_bench_token", 1);
  ::setenv("NO_COLOR", "1", 1);
  ::unsetenv("DATABRICKS_CONFIG_PROFILE");
}

int runCli(const std::string& args, const fs::path& cwd) {
  const std::string cmd = "cd '" + cwd.string() + "' && '" CC_CLI_BINARY "' " + args + " > /dev/null 2> cli.err";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> logLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) lines.push_back(l);
  return lines;
}

// "GET /api/2.0/pipelines/{id}" style keys: ids and paths folded so that kinds count together.
std::string requestKind(const std::string& line) {
  std::smatch m;
  std::string method, path;
  if (std::regex_search(line, m, std::regex(R"re("method":"([A-Z]+)")re"))) method = m[1];
  if (std::regex_search(line, m, std::regex(R"re("path":"([^"]+)")re"))) path = m[1];
  path = std::regex_replace(path, std::regex(R"([0-9a-f]{8}-[0-9a-f-]{27})"), "{id}");
  path = std::regex_replace(path, std::regex(R"(/\d+$)"), "/{id}");
  path = std::regex_replace(path, std::regex(R"(connections/[^/]+$)"), "connections/{name}");
  return method + " " + path;
}

constexpr int kServerThreads = 64;
constexpr int kClientConnections = 32;  // HttpClientConfig::maxSessions

struct Run {
  double ms = 0;
  int exit = -1;
  int requests = 0;
  std::map<std::string, int> kinds;
};

Run timedCli(const std::string& args, const fs::path& work, const EmulatorProcess& e) {
  Run r;
  const std::size_t before = logLines(e.requestLogPath()).size();
  const auto start = std::chrono::steady_clock::now();
  r.exit = runCli(args, work);
  r.ms = millisSince(start);
  auto lines = logLines(e.requestLogPath());
  for (std::size_t i = before; i < lines.size(); ++i) ++r.kinds[requestKind(lines[i])];
  r.requests = static_cast<int>(lines.size() - before);
  return r;
}

// Levels: Me, then the longest run of pages of one list, then per-item reads if any.
int dependencyLevels(const std::map<std::string, int>& kinds) {
  int longestList = 0, perItem = 0;
  for (const auto& [kind, n] : kinds) {
    if (kind.find("{id}") != std::string::npos || kind.find("{name}") != std::string::npos ||
        kind.find("get-status") != std::string::npos || kind.find("export") != std::string::npos)
      perItem += n;
    else if (kind.rfind("GET ", 0) == 0 && kind.find("scim") == std::string::npos)
      longestList = std::max(longestList, n);
  }
  return 1 + longestList + (perItem > 0 ? 1 : 0);
}

// One GET per resource of the workspace, on `threads` threads; returns wall ms.
double perResourceGets(cc::providers::WorkspaceApi& api, int resources, int threads) {
  auto conns = api.listConnections();
  auto pipes = api.listPipelines();
  auto repos = api.listRepos("/Users");
  std::vector<std::function<void()>> gets;
  if (conns)
    for (const auto& c : conns.value()) gets.push_back([&api, n = c.value("name", "")] { (void)api.getConnection(n); });
  if (pipes)
    for (const auto& p : pipes.value()) gets.push_back([&api, id = p.pipelineId] { (void)api.getPipeline(id); });
  if (repos)
    for (const auto& r : repos.value()) {
      gets.push_back([&api, id = r.id] { (void)api.getRepo(id); });
      gets.push_back([&api, path = r.path] { (void)api.getStatus(path + "/ingest.py"); });
    }
  while (static_cast<int>(gets.size()) < resources) gets.push_back([&api] { (void)api.getStatus("/Users"); });
  std::atomic<std::size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < gets.size(); i = next++) gets[i]();
    });
  for (auto& t : pool) t.join();
  return millisSince(start);
}

}  // namespace

int main(int argc, char** argv) {
  const int pipelines = argc > 1 ? std::atoi(argv[1]) : 250;
  const int latency = argc > 2 ? std::atoi(argv[2]) : 20;
  const int resources = 4 * pipelines + 1;
  const std::vector<std::string> latencyArgs = {"--threads", std::to_string(kServerThreads), "--latency-ms",
                                                std::to_string(latency), EmulatorProcess::kNoStateFile};

  std::printf("### %d resources (%d pipelines), emulator --latency-ms %d\n\n", resources, pipelines, latency);
  std::printf("| parallelism | full apply | apply requests | no-op plan (median of 3) | plan requests | plan exit |\n");
  std::printf("|---|---|---|---|---|---|\n");
  std::map<int, Run> plans;
  std::unique_ptr<EmulatorProcess> last;
  for (int parallelism : {1, 10, 32}) {
    auto emulator = std::make_unique<EmulatorProcess>(CC_EMULATOR_BINARY, latencyArgs);
    if (!emulator->ok()) {
      std::fprintf(stderr, "workspace-emulator did not start\n");
      return 1;
    }
    const fs::path work = fs::path(emulator->dir()) / "work";
    fs::create_directories(work);
    std::ofstream(work / "big.yaml") << manifest(pipelines);
    pointAt(*emulator, work);
    const std::string p = " --parallelism " + std::to_string(parallelism);
    Run apply = timedCli("apply -f big.yaml --auto-approve" + p, work, *emulator);
    // A no-op plan is short: the median of three runs keeps one slow start-up from deciding it.
    std::vector<Run> runs;
    for (int i = 0; i < 3; ++i) runs.push_back(timedCli("plan -f big.yaml --detailed-exitcode" + p, work, *emulator));
    std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.ms < b.ms; });
    Run plan = runs[1];
    std::printf("| %d | %.0f ms%s | %d | %.0f ms | %d | %d |\n", parallelism, apply.ms, apply.exit == 0 ? "" : " (failed)",
                apply.requests, plan.ms, plan.requests, plan.exit);
    std::fflush(stdout);
    plans[parallelism] = plan;
    last = std::move(emulator);
  }

  // RTT of one request through the client, sequentially.
  cc::providers::ConnectionSettings cs;
  cs.caFile = last->caFile();
  auto client = cc::providers::connect(cs);
  if (!client) return 1;
  cc::providers::WorkspaceApi api(client.value());
  (void)api.me();
  auto rttStart = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) (void)api.me();
  const double rttMs = millisSince(rttStart) / 10;

  const Run& plan = plans[10];
  const int levels = dependencyLevels(plan.kinds);
  const double bound = std::max(levels * rttMs, plan.requests * rttMs / kClientConnections);
  const double sequential = perResourceGets(api, resources, 1);
  const double parallel10 = perResourceGets(api, resources, 10);
  const double best = std::min({plans[1].ms, plans[10].ms, plans[32].ms});

  std::printf("\nNo-op plan compared (plan wall time includes process start-up):\n\n");
  std::printf("| measure | value |\n|---|---|\n");
  std::printf("| measured RTT | %.1f ms |\n", rttMs);
  std::printf("| (c) critical-path bound: max(%d levels × RTT, %d requests × RTT / %d connections) | %.0f ms |\n",
              levels, plan.requests, kClientConnections, bound);
  std::printf("| (a) one GET per resource, one at a time (%d GETs) | %.0f ms |\n", resources, sequential);
  std::printf("| (b) one GET per resource at parallelism 10 | %.0f ms |\n", parallel10);
  // The bound assumes the client's 32 connections; at --parallelism 10 the plan keeps about
  // 10 reads of each kind in flight, as (b) keeps 10 GETs.
  std::printf("| no-op plan at parallelism 10 / bound | %.2f× |\n", plan.ms / bound);
  std::printf("| (b) / no-op plan at parallelism 10 | %.2f× |\n", parallel10 / plan.ms);
  std::printf("| no-op plan at parallelism 32 / bound (target ≤ 1.5×) | %.2f× |\n", plans[32].ms / bound);
  std::printf("| (b) / no-op plan at parallelism 32 (target ≥ 4×) | %.2f× |\n", parallel10 / plans[32].ms);
  std::printf("| (b) / fastest no-op plan | %.2f× |\n", parallel10 / best);
  std::printf("| (a) / fastest no-op plan | %.2f× |\n", sequential / best);
  std::printf("\n| request kind (no-op plan) | count |\n|---|---|\n");
  for (const auto& [kind, n] : plan.kinds) std::printf("| `%s` | %d |\n", kind.c_str(), n);
  std::printf("\n");
  return 0;
}
