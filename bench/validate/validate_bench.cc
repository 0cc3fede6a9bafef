// Generates manifests of N resources (half connections, half pipelines) and reports the wall
// time and peak RSS of `community-connector validate` on each. Not a test: nothing is asserted.
// Usage: cc_bench_validate [BINARY] [N...]   (default N: 10 100 1000 10000)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::string manifest(int resources) {
  std::string out = "version: 1\nvariables:\n  env: {default: bench}\nconnections:\n";
  const int connections = resources / 2, pipelines = resources - connections;
  for (int i = 0; i < connections; ++i)
    out += "  conn_" + std::to_string(i) + ":\n    source: github\n    comment: bench connection\n"
           "    options:\n      token: ${env.BENCH_TOKEN}\n      base_url: https://api.github.com\n";
  out += "pipelines:\n";
  for (int i = 0; i < pipelines; ++i) {
    out += "  ingest_" + std::to_string(i) + "_${var.env}:\n    source: github\n    connection: conn_" +
           std::to_string(connections ? i % connections : 0) + "\n    schema: raw_" + std::to_string(i) +
           "\n    objects:\n      - table: {source_table: issues}\n"
           "      - table:\n          source_table: pulls\n"
           "          table_configuration: {scd_type: SCD_TYPE_2, primary_keys: [id]}\n"
           "    run: {after_apply: true, wait: false}\n";
  }
  return out;
}

struct Measure {
  int exitCode;
  double ms;
  double cpuMs;  // user + system: less sensitive than wall time to a busy machine
  long maxRssKb;
};

Measure runValidate(const std::string& binary, const std::string& file) {
  const auto start = std::chrono::steady_clock::now();
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("BENCH_TOKEN", "bench-token-value", 1);
    if (!std::freopen("/dev/null", "w", stdout)) _exit(127);
    execl(binary.c_str(), binary.c_str(), "validate", "-f", file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          std::chrono::duration<double, std::milli>(end - start).count(),
          (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
              (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3,
          usage.ru_maxrss};
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = CC_CLI_BINARY;
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!arg.empty() && std::isdigit(static_cast<unsigned char>(arg[0]))) sizes.push_back(std::atoi(argv[i]));
    else binary = arg;
  }
  if (sizes.empty()) sizes = {10, 100, 1000, 10000};
  const auto dir = std::filesystem::temp_directory_path() / ("cc_bench_validate_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::printf("%10s %12s %10s %10s %14s %s\n", "resources", "bytes", "wall ms", "cpu ms", "peak RSS MiB", "exit");
  for (int n : sizes) {
    const auto file = dir / ("manifest_" + std::to_string(n) + ".yaml");
    const std::string text = manifest(n);
    std::ofstream(file) << text;
    Measure best{0, 1e18, 1e18, 0};
    for (int rep = 0; rep < 5; ++rep) {  // best of five: the machine is shared
      const Measure m = runValidate(binary, file.string());
      if (m.ms < best.ms) best.ms = m.ms;
      if (m.cpuMs < best.cpuMs) best.cpuMs = m.cpuMs;
      best.maxRssKb = m.maxRssKb;
      best.exitCode = m.exitCode;
    }
    std::printf("%10d %12zu %10.1f %10.1f %14.1f %d\n", n, text.size(), best.ms, best.cpuMs, best.maxRssKb / 1024.0,
                best.exitCode);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
