// Start-up benchmark: times whole processes of the real binary — `--help`, `--version`,
// `validate -f examples/minimal.yaml` and `create_connection` against a local emulator — and,
// as floors, an empty program linked like the tool and one linked against nothing but the C++
// runtime. Wall time, CPU time (user + system) and peak RSS of each child come from wait4's
// rusage. The commands take turns run by run, so that noise from other processes on the
// machine lands on all of them alike. Not a test: nothing is asserted. The original Python
// tool needs ~0.7–0.9 s and ~68 MiB per invocation.
// Usage: cc_bench_startup [RUNS]   (default 30; each command runs RUNS times after one warm-up)
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
  double userMs;
  double systemMs;
  long maxRssKb;
};

struct Command {
  std::string label;
  std::string binary;
  std::vector<std::string> args;  // "{i}" is replaced by the run's number
  std::vector<Measure> measures;
};

double ms(const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; }

std::vector<std::string> withRun(std::vector<std::string> args, int run) {
  for (auto& a : args)
    if (auto at = a.find("{i}"); at != std::string::npos) a.replace(at, 3, std::to_string(run));
  return args;
}

Measure run(const std::string& binary, const std::vector<std::string>& args,
            const cc::test_support::EmulatorProcess& emulator) {
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    setenv("DATABRICKS_HOST", emulator.url().c_str(), 1);
    setenv("DATABRICKS_TOKEN", emulator.token().c_str(), 1);
    setenv("SSL_CERT_FILE", emulator.caFile().c_str(), 1);
    setenv("HOME", emulator.dir().c_str(), 1);
    if (chdir(emulator.dir().c_str()) != 0) _exit(126);
    if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) _exit(126);
    std::vector<std::string> words = {binary};
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
  const double user = ms(usage.ru_utime);
  const double system = ms(usage.ru_stime);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::chrono::duration<double, std::milli>(end - start).count(),
          user + system, user, system, usage.ru_maxrss};
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void report(const Command& command) {
  std::vector<double> wall, cpu, user, system, rss;
  int failures = 0;
  for (const auto& m : command.measures) {
    wall.push_back(m.wallMs);
    cpu.push_back(m.cpuMs);
    user.push_back(m.userMs);
    system.push_back(m.systemMs);
    rss.push_back(static_cast<double>(m.maxRssKb) / 1024.0);
    failures += m.exitCode != 0;
  }
  std::printf("%-26s %5zu %9.2f %9.2f %9.2f %9.2f %9.2f %9.1f %9.1f %8d\n", command.label.c_str(),
              command.measures.size(), percentile(wall, 0.5), percentile(wall, 0.9), percentile(cpu, 0.5),
              percentile(user, 0.5), percentile(system, 0.5), percentile(rss, 0.5), percentile(rss, 1.0), failures);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
  cc::test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  if (!emulator.ok()) {
    std::fprintf(stderr, "cannot start the emulator: %s\n", emulator.error().c_str());
    return 1;
  }
  std::vector<Command> commands = {
      {"empty program (C++ only)", CC_EMPTY_BARE_BINARY, {}, {}},
      {"empty program (tool libs)", CC_EMPTY_LINKED_BINARY, {}, {}},
      {"--help", CC_CLI_BINARY, {"--help"}, {}},
      {"--version", CC_CLI_BINARY, {"--version"}, {}},
      {"validate minimal.yaml", CC_CLI_BINARY, {"validate", "-f", CC_MINIMAL_MANIFEST}, {}},
      // A new connection name each run: every run sends its plan reads and one POST.
      {"create_connection",
       CC_CLI_BINARY,
       {"create_connection", "github", "bench_conn_{i}", "-o", R"({"token":"ghp_x"})", "--spec", CC_SPEC_FILE},
       {}},
  };
  for (int i = -1; i < runs; ++i) {
    for (auto& c : commands) {
      const Measure m = run(c.binary, withRun(c.args, i), emulator);
      if (i >= 0) c.measures.push_back(m);  // run -1 warms the page cache
    }
  }
  std::printf("%-26s %5s %9s %9s %9s %9s %9s %9s %9s %8s\n", "command", "runs", "wall p50", "wall p90", "cpu p50",
              "user p50", "sys p50", "RSS p50", "RSS max", "failures");
  for (const auto& c : commands) report(c);
  std::printf("(times in ms, RSS in MiB; the original Python tool: ~700-900 ms and ~68 MiB per invocation)\n");
  return 0;
}
