#include "render/progress_printer.h"

#include <cmath>

#include "engine/terminal_safe.h"

namespace cc::render {
namespace {

const char* verb(engine::ActionKind k) {
  switch (k) {
    case engine::ActionKind::Create: return "creating";
    case engine::ActionKind::Update: return "updating";
    case engine::ActionKind::Replace: return "replacing";
    case engine::ActionKind::Delete: return "deleting";
    case engine::ActionKind::Run: return "starting an update";
    case engine::ActionKind::NoOp: return "checking";
  }
  return "";
}

constexpr long kHeartbeatSeconds = 10;

// "7s", "2m5s".
std::string duration(long seconds) {
  if (seconds < 60) return std::to_string(seconds) + "s";
  return std::to_string(seconds / 60) + "m" + std::to_string(seconds % 60) + "s";
}

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::ostream& out, ProgressOptions options)
    : out_(out), color_(options.color), options_(std::move(options)) {
  if (!options_.now) options_.now = steadySeconds;
}

// " in 3s" on a terminal; nothing in plain mode, so CI logs do not change between runs.
std::string ProgressPrinter::elapsed(const engine::ResourceKey& key) {
  auto it = started_.find(key);
  if (!options_.terminal || it == started_.end()) return {};
  const long seconds = std::lround(options_.now() - it->second.since);
  started_.erase(it);
  return " in " + duration(seconds);
}

void ProgressPrinter::heartbeat() {
  std::lock_guard lock(mutex_);
  if (!options_.terminal || options_.quiet) return;
  const double now = options_.now();
  for (auto& [key, running] : started_) {
    const long periods = static_cast<long>((now - running.since) / kHeartbeatSeconds);
    if (periods <= running.reported) continue;
    running.reported = periods;
    out_ << "… " << engine::glyph(running.action) << " " << key.display() << ": still " << verb(running.action)
         << "… " << duration(periods * kHeartbeatSeconds) << "\n";
  }
  out_ << std::flush;
}

HeartbeatThread::HeartbeatThread(ProgressPrinter& printer, bool enabled) : printer_(printer) {
  if (!enabled) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
      lock.unlock();
      printer_.heartbeat();
      lock.lock();
    }
  });
}

HeartbeatThread::~HeartbeatThread() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressPrinter::actionStarted(const engine::ResourceKey& key, engine::ActionKind action) {
  std::lock_guard lock(mutex_);
  if (options_.terminal) started_[key] = Running{action, options_.now()};
  if (options_.quiet) return;
  out_ << engine::glyph(action) << " " << key.display() << ": " << verb(action) << "…\n" << std::flush;
}

void ProgressPrinter::actionFinished(const engine::ResourceKey& key, engine::ActionKind action, engine::OutcomeKind outcome,
                                     const engine::Diagnostic* error) {
  std::lock_guard lock(mutex_);
  const std::string took = elapsed(key);
  if (outcome == engine::OutcomeKind::Done) {
    if (options_.quiet) return;
    out_ << (color_ ? "\033[32m✓\033[0m " : "✓ ") << engine::glyph(action) << " " << key.display() << ": done" << took
         << "\n";
  } else {
    out_ << (color_ ? "\033[31m✗\033[0m " : "✗ ") << engine::glyph(action) << " " << key.display() << ": "
         << (error ? error->summary : std::string("failed")) << took << "\n";
  }
  out_ << std::flush;
}

void ProgressPrinter::actionSkipped(const engine::ResourceKey& key, engine::ActionKind action, const engine::ResourceKey& because) {
  std::lock_guard lock(mutex_);
  out_ << "- " << engine::glyph(action) << " " << key.display() << ": skipped because " << because.display() << " failed\n"
       << std::flush;
}

void ProgressPrinter::runStateChanged(const engine::ResourceKey& key, const std::string& updateId, const std::string& state) {
  std::lock_guard lock(mutex_);
  if (options_.quiet) return;
  out_ << "  " << engine::glyph(engine::ActionKind::Run) << " " << key.display() << ": update " << updateId << " " << state
       << "\n"
       << std::flush;
}

void ProgressPrinter::runEvent(const engine::ResourceKey&, const std::string&, const engine::RunEvent& event) {
  std::lock_guard lock(mutex_);
  const bool error = event.level == "ERROR";
  if (options_.quiet && !error) return;
  const bool red = color_ && error, yellow = color_ && event.level == "WARN";
  out_ << "    " << (red ? "\033[31m" : yellow ? "\033[33m" : "") << engine::terminalSafe(event.level.empty() ? "EVENT" : event.level, false)
       << (red || yellow ? "\033[0m" : "") << " " << engine::terminalSafe(event.type, false) << ": " << engine::terminalSafe(event.message, false) << "\n"
       << std::flush;
}

void ProgressPrinter::printSummary(const engine::ApplySummary& s) {
  std::lock_guard lock(mutex_);
  const char* head = s.cancelled ? "Apply interrupted" : s.ok() ? "Apply complete" : "Apply failed";
  if (!options_.quiet) out_ << "\n";  // --quiet: failures and this line, nothing between
  out_ << head << ": " << s.done << " done, " << s.failed << " failed, " << s.skipped << " skipped";
  if (s.notStarted > 0) out_ << ", " << s.notStarted << " not started";
  out_ << "\n";
}

}  // namespace cc::render
