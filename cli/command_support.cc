#include "cli/command_support.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli/exit_code.h"
#include "engine/manifest_loader.h"
#include "engine/placeholders.h"

namespace cc::cli {
namespace {

std::atomic<bool> gInterrupted{false};
std::atomic<int> gSignal{0};

extern "C" void onInterrupt(int signo) {
  gSignal.store(signo);
  if (gInterrupted.exchange(true)) {
    std::signal(signo, SIG_DFL);
    std::raise(signo);
  }
}

}  // namespace

std::int64_t wallNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<engine::Manifest> loadManifestOrReport(const ManifestOptions& options, render::DiagnosticPrinter& printer,
                                                     Console& console, ManifestWarnings warnings) {
  engine::ManifestInput input;
  input.path = options.file;
  input.environment = options.environment;
  // Read for its workspace only, a manifest needs no secrets.
  input.unsetEnvIsWarning = warnings == ManifestWarnings::Quiet;
  engine::Diagnostics varErrors;
  if (!engine::parseVarAssignments(options.vars, input.vars, varErrors)) {
    printer.printText(varErrors, console.err);
    return std::nullopt;
  }
  auto text = engine::readSourceText(input.path);
  if (!text) {
    printer.printText(text.diagnostics(), console.err);
    return std::nullopt;
  }
  input.text = text.value();
  printer.addSource(engine::displayName(input.path), *input.text);
  auto manifest = engine::loadManifest(input);
  if (!manifest) {
    printer.printText(manifest.diagnostics(), console.err);
    return std::nullopt;
  }
  if (warnings == ManifestWarnings::PrintNow) printer.printText(manifest->warnings, console.err);
  return std::move(manifest).value();
}

int failWith(Console& console, const std::string& what, const std::string& fix) {
  console.err << "error: " << what << "\n  " << fix << "\n";
  return toInt(ExitCode::Error);
}

void reportDiagnostics(const engine::Diagnostics& diags, render::DiagnosticPrinter& printer, Console& console) {
  printer.printText(diags, console.err);
}

bool confirm(Console& console, const std::string& question) {
  console.out << "\n" << question << "\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "yes";
}

InterruptGuard::InterruptGuard() {
  gInterrupted = false;
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
}

InterruptGuard::~InterruptGuard() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

std::atomic<bool>& interruptFlag() { return gInterrupted; }

std::atomic<bool>& InterruptGuard::flag() { return interruptFlag(); }

int interruptedExitCode() {
  const int signo = gSignal.load();
  return 128 + (signo == SIGTERM ? SIGTERM : SIGINT);
}

std::int64_t steadyNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

engine::ApplySettings sequentialApplySettings() {
  engine::ApplySettings settings;
  settings.parallelism = 1;
  settings.nowMs = steadyNowMs;
  return settings;
}

InterruptDeadline::InterruptDeadline(Console& console, std::function<void()> onGiveUp, int graceSeconds)
    : thread_([this, &console, onGiveUp = std::move(onGiveUp), graceSeconds] { watch(console, onGiveUp, graceSeconds); }) {}

InterruptDeadline::~InterruptDeadline() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

// A signal handler cannot notify a condition variable, so the flag is looked at ten times a
// second; the grace period then runs on the condition variable.
void InterruptDeadline::watch(Console& console, const std::function<void()>& onGiveUp, int graceSeconds) {
  std::unique_lock lock(mutex_);
  while (!stop_ && !gInterrupted.load()) wake_.wait_for(lock, std::chrono::milliseconds(100));
  if (stop_) return;
  if (wake_.wait_for(lock, std::chrono::seconds(graceSeconds), [this] { return stop_; })) return;
  console.err << "\ninterrupted: actions still in flight after " << graceSeconds
              << " s were abandoned; their outcome is unknown (run plan to see what was applied)\n"
              << std::flush;
  console.out << std::flush;
  onGiveUp();
  std::_Exit(interruptedExitCode());
}

engine::LockSettings lockSettings(double timeoutSeconds, const std::string& identity) {
  engine::LockSettings s;
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  const char* user = std::getenv("USER");
  s.holder = (identity.empty() ? std::string() : identity + " (") + std::string(user ? user : "unknown") + "@" + host +
             " pid " + std::to_string(getpid()) + (identity.empty() ? "" : ")");
  s.timeoutMs = static_cast<std::int64_t>(timeoutSeconds * 1000);
  s.nowMs = wallNowMs;
  s.sleepMs = [](std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  return s;
}

}  // namespace cc::cli
