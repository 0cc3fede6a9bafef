#include "cli/command_support.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "engine/manifest_loader.h"
#include "engine/placeholders.h"

namespace cc::cli {
namespace {

std::atomic<bool> gInterrupted{false};

extern "C" void onInterrupt(int signo) {
  if (gInterrupted.exchange(true)) {
    std::signal(signo, SIG_DFL);
    std::raise(signo);
  }
}

std::int64_t nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::optional<engine::Manifest> loadManifestOrReport(const ManifestOptions& options, DiagnosticPrinter& printer,
                                                     Console& console, ManifestWarnings warnings) {
  engine::ManifestInput input;
  input.path = options.file;
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

void reportDiagnostics(const engine::Diagnostics& diags, DiagnosticPrinter& printer, Console& console) {
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

std::atomic<bool>& InterruptGuard::flag() { return gInterrupted; }

engine::LockSettings lockSettings(double timeoutSeconds) {
  engine::LockSettings s;
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  const char* user = std::getenv("USER");
  s.holder = std::string(user ? user : "unknown") + "@" + host + " pid " + std::to_string(getpid());
  s.timeoutMs = static_cast<std::int64_t>(timeoutSeconds * 1000);
  s.nowMs = nowMs;
  s.sleepMs = [](std::int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  return s;
}

}  // namespace cc::cli
