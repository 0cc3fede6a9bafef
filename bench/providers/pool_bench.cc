// Throughput of GET /api/2.0/preview/scim/v2/Me against a local workspace-emulator, with the
// keep-alive pool and with one connection (one TLS handshake) per request, at 1/4/16 workers.
// Usage: cc_providers_pool_bench [requests-per-worker]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "providers/workspace_api.h"
#include "support/emulator_process.h"

namespace {

double run(const cc::test_support::EmulatorProcess& emulator, bool pooled, int workers, int perWorker,
           std::size_t& connections) {
  cc::providers::ConnectionSettings s;
  s.env = [&](const std::string& k) -> std::optional<std::string> {
    if (k == "DATABRICKS_HOST") return emulator.url();
    if (k == "DATABRICKS_TOKEN") return emulator.token();
    return std::nullopt;
  };
  s.caFile = emulator.caFile();
  s.reuseConnections = pooled;
  s.rateLimit.enabled = false;
  auto client = cc::providers::connect(s);
  if (!client) {
    std::fprintf(stderr, "connect failed\n");
    std::exit(1);
  }
  cc::providers::WorkspaceApi api(client.value());
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      for (int i = 0; i < perWorker; ++i)
        if (!api.me().ok()) ++failures;
    });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  connections = client.value()->http().connectionsOpened();
  if (failures) std::fprintf(stderr, "%d failures\n", failures.load());
  return workers * perWorker / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int perWorker = argc > 1 ? std::atoi(argv[1]) : 200;
  cc::test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--threads", "32"});
  if (!emulator.ok()) {
    std::fprintf(stderr, "%s\n", emulator.error().c_str());
    return 1;
  }
  std::printf("%-8s %-10s %12s %12s\n", "workers", "mode", "requests/s", "connections");
  for (int workers : {1, 4, 16}) {
    for (bool pooled : {true, false}) {
      std::size_t connections = 0;
      const double rps = run(emulator, pooled, workers, perWorker, connections);
      std::printf("%-8d %-10s %12.0f %12zu\n", workers, pooled ? "pool" : "per-request", rps, connections);
    }
  }
  return 0;
}
