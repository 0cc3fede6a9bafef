// No-op `plan` of ~1,000 resources (P pipelines, each with its connection, repo and ingest
// file, plus the shared directory: 4P + 1) through the real CLI against the emulator at
// --latency-ms 20, compared with
//   - the critical-path bound: dependency levels × RTT + the time the client's rate limiter
//     needs for the busiest API family's requests (levels read from the request log: Me, then
//     the pages of the longest paged list, then one more level if per-item GETs follow), and
//   - one GET per resource at parallelism 10 through the providers' typed API (same client
//     settings, rate limiter on).
// Prints a Markdown table; never asserts.
//
//   cmake -DCC_BENCH=ON ... && cmake --build . --target bench_plan_emulator
//   ./bench/plan_emulator/bench_plan_emulator [pipelines=250] [latency_ms=20]
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "providers/rate_limiter.h"
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

// Seconds the client's token bucket needs to let `n` requests of one family through.
double rateLimitedSeconds(int n, const cc::providers::RateLimiterSettings& s) {
  double t = 0, tokens = s.burst, rate = s.initialRate;
  for (int i = 0; i < n; ++i) {
    if (tokens < 1) {
      t += (1 - tokens) / rate;
      tokens = 1;
    }
    tokens -= 1;
    rate = std::min(s.maxRate, rate + s.increase);
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const int pipelines = argc > 1 ? std::atoi(argv[1]) : 250;
  const int latency = argc > 2 ? std::atoi(argv[2]) : 20;
  const int resources = 4 * pipelines + 1;

  // Populate at full speed, then serve the same state with latency.
  EmulatorProcess fast(CC_EMULATOR_BINARY, {"--threads", "32"});
  EmulatorProcess slow(CC_EMULATOR_BINARY, {"--threads", "32", "--latency-ms", std::to_string(latency)});
  if (!fast.ok() || !slow.ok()) {
    std::fprintf(stderr, "workspace-emulator did not start\n");
    return 1;
  }
  const fs::path work = fs::path(fast.dir()) / "work";
  fs::create_directories(work);
  std::ofstream(work / "big.yaml") << manifest(pipelines);
  pointAt(fast, work);
  const auto populateStart = std::chrono::steady_clock::now();
  if (runCli("apply -f big.yaml --auto-approve --parallelism 32", work) != 0) {
    std::fprintf(stderr, "populating apply failed (see %s/cli.err)\n", work.c_str());
    return 1;
  }
  const double populateMs = millisSince(populateStart);
  fast.kill();
  slow.kill();
  fs::copy_file(fast.statePath(), slow.statePath(), fs::copy_options::overwrite_existing);
  if (!slow.restart()) return 1;
  pointAt(slow, work);

  // RTT of one request through the client, sequentially.
  cc::providers::ConnectionSettings cs;
  cs.caFile = slow.caFile();
  auto client = cc::providers::connect(cs);
  if (!client) return 1;
  cc::providers::WorkspaceApi api(client.value());
  (void)api.me();
  auto rttStart = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) (void)api.me();
  const double rttMs = millisSince(rttStart) / 10;

  const std::size_t before = logLines(slow.requestLogPath()).size();
  const auto planStart = std::chrono::steady_clock::now();
  const int planExit = runCli("plan -f big.yaml --detailed-exitcode", work);
  const double planMs = millisSince(planStart);
  auto lines = logLines(slow.requestLogPath());
  std::map<std::string, int> kinds;
  std::map<std::string, int> families;
  for (std::size_t i = before; i < lines.size(); ++i) {
    const std::string kind = requestKind(lines[i]);
    ++kinds[kind];
    ++families[cc::providers::apiFamily(kind.substr(kind.find(' ') + 1))];
  }
  const int planRequests = static_cast<int>(lines.size() - before);

  // Levels: Me, then the longest run of pages of one list, then per-item reads if any.
  int longestList = 0, perItem = 0;
  for (const auto& [kind, n] : kinds) {
    if (kind.find("{id}") != std::string::npos || kind.find("{name}") != std::string::npos ||
        kind.find("get-status") != std::string::npos || kind.find("export") != std::string::npos)
      perItem += n;
    else if (kind.rfind("GET ", 0) == 0 && kind.find("scim") == std::string::npos)
      longestList = std::max(longestList, n);
  }
  const int levels = 1 + longestList + (perItem > 0 ? 1 : 0);
  cc::providers::RateLimiterSettings limiter;
  double rateMs = 0;
  for (const auto& [family, n] : families) rateMs = std::max(rateMs, 1000 * rateLimitedSeconds(n, limiter));
  const double boundMs = levels * rttMs + rateMs;

  // Baseline: one GET per resource, 10 threads.
  auto conns = api.listConnections();
  auto pipes = api.listPipelines();
  auto repos = api.listRepos("/");
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
  const auto baseStart = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 10; ++t)
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < gets.size(); i = next++) gets[i]();
    });
  for (auto& t : threads) t.join();
  const double baselineMs = millisSince(baseStart);

  std::printf("No-op plan of %d resources (%d pipelines) at --latency-ms %d; populated in %.0f ms\n\n", resources,
              pipelines, latency, populateMs);
  std::printf("| measure | value |\n|---|---|\n");
  std::printf("| plan exit code (0 = no changes) | %d |\n", planExit);
  std::printf("| plan wall time (process, incl. start) | %.0f ms |\n", planMs);
  std::printf("| requests sent by the plan | %d |\n", planRequests);
  std::printf("| measured RTT | %.1f ms |\n", rttMs);
  std::printf("| dependency levels | %d |\n", levels);
  std::printf("| rate-limit time, busiest family | %.0f ms |\n", rateMs);
  std::printf("| critical-path bound | %.0f ms |\n", boundMs);
  std::printf("| plan / bound | %.2f× |\n", planMs / boundMs);
  std::printf("| one GET per resource at parallelism 10 (%zu GETs) | %.0f ms |\n", gets.size(), baselineMs);
  std::printf("| plan / per-resource GETs | %.2f× |\n", planMs / baselineMs);
  std::printf("\n| request kind | count |\n|---|---|\n");
  for (const auto& [kind, n] : kinds) std::printf("| `%s` | %d |\n", kind.c_str(), n);
  return 0;
}
