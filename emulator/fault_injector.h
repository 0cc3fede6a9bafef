#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "emulator/emulator_options.h"
#include "emulator/http_message.h"

namespace cc::emulator {

/// What happens to one request instead of (or after) normal handling.
enum class FaultKind {
  None,
  TooManyRequests,  // 429 + Retry-After, before any side effect
  InternalError,    // 500 JSON body
  InternalErrorHtml,
  InternalErrorEmpty,
  Unavailable,      // 503 + Retry-After
  Drop,             // close the connection without an answer, before any side effect
  Reset,            // TCP reset, before any side effect
  CommitThenDrop,   // run the handler (side effect happens), then close without an answer
};

/// The decision for one request: its 1-based number, the fault, and the added latency.
struct FaultDecision {
  uint64_t requestNumber = 0;
  FaultKind kind = FaultKind::None;
  int64_t delayMs = 0;
};

/// Decides faults deterministically from (--seed, request number): `--fault-at` first, then
/// `--fault-rate` over `--faults`. Latency jitter derives from the same seed.
class FaultInjector {
 public:
  explicit FaultInjector(const EmulatorOptions& options);

  /// Numbers the request and decides; thread-safe.
  FaultDecision next();

  uint64_t requestCount() const { return counter_.load(); }

  /// The HTTP answer of a status fault (429, 500 variants, 503).
  HttpResponse responseFor(FaultKind kind) const;

 private:
  EmulatorOptions options_;
  std::map<uint64_t, FaultKind> at_;
  std::atomic<uint64_t> counter_{0};
};

/// Parses a fault kind name (`429`, `500`, `500-html`, `500-empty`, `503`, `drop`, `reset`,
/// `commit-drop`); None when unknown.
FaultKind parseFaultKind(const std::string& name);

std::string faultKindName(FaultKind kind);

}  // namespace cc::emulator
