#include "cli/progress_printer.h"

namespace cc::cli {
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

}  // namespace

void ProgressPrinter::actionStarted(const engine::ResourceKey& key, engine::ActionKind action) {
  std::lock_guard lock(mutex_);
  out_ << engine::glyph(action) << " " << key.display() << ": " << verb(action) << "…\n" << std::flush;
}

void ProgressPrinter::actionFinished(const engine::ResourceKey& key, engine::ActionKind action, engine::OutcomeKind outcome,
                                     const engine::Diagnostic* error) {
  std::lock_guard lock(mutex_);
  if (outcome == engine::OutcomeKind::Done) {
    out_ << (color_ ? "\033[32m✓\033[0m " : "✓ ") << engine::glyph(action) << " " << key.display() << ": done\n";
  } else {
    out_ << (color_ ? "\033[31m✗\033[0m " : "✗ ") << engine::glyph(action) << " " << key.display() << ": "
         << (error ? error->summary : std::string("failed")) << "\n";
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
  out_ << "  " << engine::glyph(engine::ActionKind::Run) << " " << key.display() << ": update " << updateId << " " << state
       << "\n"
       << std::flush;
}

void ProgressPrinter::printSummary(const engine::ApplySummary& s) {
  std::lock_guard lock(mutex_);
  const char* head = s.cancelled ? "Apply interrupted" : s.ok() ? "Apply complete" : "Apply failed";
  out_ << "\n" << head << ": " << s.done << " done, " << s.failed << " failed, " << s.skipped << " skipped";
  if (s.notStarted > 0) out_ << ", " << s.notStarted << " not started";
  out_ << "\n";
}

}  // namespace cc::cli
