// Start-up benchmark (issue 7): times `community-connector --help` and `create_connection`
// against a local emulator over repeated runs and reports wall time, CPU time and peak RSS of
// each child (wait4's rusage). Not a test: nothing is asserted. The original Python tool needs
// ~0.7–0.9 s and ~68 MiB per invocation.
// Usage: cc_bench_startup [RUNS]   (default 30)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/emulator_process.h"

namespace {

struct Measure {
  int exitCode;
  double wallMs;
  double cpuMs;
  long maxRssKb;
};

Measure run(const std::vector<std::string>& args, const cc::test_support::EmulatorProcess& emulator) {
  const auto start = std::chrono::steady_clock::now();
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("DATABRICKS_HOST", emulator.url().c_str(), 1);
    setenv("DATABRICKS_TOKEN", emulator.token().c_str(), 1);
    setenv("SSL_CERT_FILE", emulator.caFile().c_str(), 1);
    setenv("HOME", emulator.dir().c_str(), 1);
    if (chdir(emulator.dir().c_str()) != 0) _exit(126);
    if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) _exit(126);
    std::vector<std::string> words = {CC_CLI_BINARY};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::chrono::duration<double, std::milli>(end - start).count(),
          (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3,
          usage.ru_maxrss};
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void report(const char* label, const std::vector<Measure>& ms) {
  std::vector<double> wall, cpu;
  long rss = 0;
  int failures = 0;
  for (const auto& m : ms) {
    wall.push_back(m.wallMs);
    cpu.push_back(m.cpuMs);
    rss = std::max(rss, m.maxRssKb);
    failures += m.exitCode != 0;
  }
  std::printf("%-20s %5zu %10.2f %10.2f %10.2f %10.2f %12.1f %8d\n", label, ms.size(), percentile(wall, 0.5),
              percentile(wall, 0.9), percentile(cpu, 0.5), percentile(cpu, 0.9), rss / 1024.0, failures);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
  cc::test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  if (!emulator.ok()) {
    std::fprintf(stderr, "cannot start the emulator: %s\n", emulator.error().c_str());
    return 1;
  }
  std::printf("%-20s %5s %10s %10s %10s %10s %12s %8s\n", "command", "runs", "wall p50", "wall p90", "cpu p50",
              "cpu p90", "peak RSS MiB", "failures");
  std::vector<Measure> help;
  for (int i = 0; i < runs; ++i) help.push_back(run({"--help"}, emulator));
  report("--help", help);
  // A new connection name each run: every run sends its plan reads and one POST.
  std::vector<Measure> create;
  for (int i = 0; i < runs; ++i) {
    const std::string name = "bench_conn_" + std::to_string(i);
    create.push_back(run({"create_connection", "github", name, "-o", R"({"token":"ghp_x"})", "--spec", CC_SPEC_FILE},
                        emulator));
  }
  report("create_connection", create);
  std::printf("(times in ms; the original Python tool: ~700-900 ms and ~68 MiB per invocation)\n");
  return 0;
}
