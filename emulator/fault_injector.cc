#include "emulator/fault_injector.h"

#include "emulator/split_mix.h"

namespace cc::emulator {

namespace {

struct KindName {
  FaultKind kind;
  const char* name;
};
constexpr KindName kKinds[] = {
    {FaultKind::TooManyRequests, "429"},      {FaultKind::InternalError, "500"},
    {FaultKind::InternalErrorHtml, "500-html"}, {FaultKind::InternalErrorEmpty, "500-empty"},
    {FaultKind::Unavailable, "503"},          {FaultKind::Drop, "drop"},
    {FaultKind::Reset, "reset"},              {FaultKind::CommitThenDrop, "commit-drop"},
};

}  // namespace

FaultKind parseFaultKind(const std::string& name) {
  for (const KindName& entry : kKinds) {
    if (name == entry.name) return entry.kind;
  }
  return FaultKind::None;
}

std::string faultKindName(FaultKind kind) {
  for (const KindName& entry : kKinds) {
    if (kind == entry.kind) return entry.name;
  }
  return "none";
}

FaultInjector::FaultInjector(const EmulatorOptions& options) : options_(options) {
  for (const FaultAt& fault : options_.faultAt) {
    FaultKind kind = parseFaultKind(fault.kind);
    at_[fault.requestNumber] = kind == FaultKind::None ? FaultKind::Unavailable : kind;
  }
}

FaultDecision FaultInjector::next() {
  FaultDecision decision;
  decision.requestNumber = ++counter_;
  const uint64_t n = decision.requestNumber;
  const uint64_t base = splitMix(options_.seed ^ splitMix(n));
  decision.delayMs = options_.latencyMs;
  if (options_.jitterMs > 0) {
    decision.delayMs += static_cast<int64_t>(splitMix(base + 1) % static_cast<uint64_t>(options_.jitterMs + 1));
  }
  if (auto it = at_.find(n); it != at_.end()) {
    decision.kind = it->second;
    return decision;
  }
  if (options_.faultRate > 0 && !options_.faults.empty()) {
    const double draw = static_cast<double>(base >> 11) / static_cast<double>(1ULL << 53);
    if (draw < options_.faultRate) {
      decision.kind = parseFaultKind(options_.faults[splitMix(base + 2) % options_.faults.size()]);
    }
  }
  return decision;
}

HttpResponse FaultInjector::responseFor(FaultKind kind) const {
  const std::string retryAfter = std::to_string(options_.retryAfterSeconds);
  HttpResponse response;
  switch (kind) {
    case FaultKind::TooManyRequests:
      response = errorResponse(429, "REQUEST_LIMIT_EXCEEDED",
                               "Too many requests. Please wait a moment and try again. "
                               "(injected by workspace-emulator)");
      response.headers["Retry-After"] = retryAfter;
      break;
    case FaultKind::Unavailable:
      response = errorResponse(503, "TEMPORARILY_UNAVAILABLE",
                               "The service is temporarily unavailable. Please try again later. "
                               "(injected by workspace-emulator)");
      response.headers["Retry-After"] = retryAfter;
      break;
    case FaultKind::InternalError:
      response = errorResponse(500, "INTERNAL_ERROR",
                               "Internal error (injected by workspace-emulator)");
      break;
    case FaultKind::InternalErrorHtml:
      response.status = 500;
      response.contentType = "text/html; charset=utf-8";
      response.body =
          "<html><head><title>Error 500 Internal Server Error</title></head><body>"
          "<h2>HTTP ERROR 500</h2><pre>Internal Server Error (injected by workspace-emulator)"
          "</pre></body></html>";
      break;
    case FaultKind::InternalErrorEmpty:
      response.status = 500;
      response.contentType = "";
      break;
    case FaultKind::None:
    case FaultKind::Drop:
    case FaultKind::Reset:
    case FaultKind::CommitThenDrop:
      response = errorResponse(500, "INTERNAL_ERROR", "no response for this fault kind");
      break;
  }
  return response;
}

}  // namespace cc::emulator
