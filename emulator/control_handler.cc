// Test hooks under /__emulator/ (documented in --help). Clients must never depend on them.
#include "emulator/fault_injector.h"
#include "emulator/handlers.h"
#include "emulator/request_gate.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

namespace {

// `--hold` at run time: body {"pattern": REGEX, "from": N}, either or both.
HttpResponse setHold(RequestGate& gate, HttpRequest& request) {
  auto body = parseJsonBody(request.body);
  if (!body || !body->is_object()) return invalidParameter("expected {\"pattern\": REGEX, \"from\": N}");
  HoldRule rule;
  if (auto it = body->find("pattern"); it != body->end() && it->is_string()) rule.pattern = it->get<std::string>();
  if (auto it = body->find("from"); it != body->end() && it->is_number_unsigned()) rule.from = it->get<uint64_t>();
  if (!rule.active()) return invalidParameter("a hold needs a \"pattern\" or a \"from\" >= 1");
  if (std::string error = gate.setRule(rule); !error.empty()) return invalidParameter(error);
  return jsonResponse(200, nlohmann::json::object());
}

}  // namespace

void registerControlRoutes(Router& router, WorkspaceState& state, const FaultInjector& faults, RequestGate& gate) {
  router.add("POST", "/__emulator/hold", "control", [&gate](HttpRequest& request) { return setHold(gate, request); });
  router.add("GET", "/__emulator/held", "control", [&gate](HttpRequest&) {
    return jsonResponse(200, {{"held", gate.heldCount()}});
  });
  router.add("POST", "/__emulator/release", "control", [&gate](HttpRequest&) {
    return jsonResponse(200, {{"released", gate.release()}});
  });
  router.add("GET", "/__emulator/requests", "control", [&faults](HttpRequest&) {
    return jsonResponse(200, {{"count", faults.requestCount()}});
  });
  router.add("POST", "/__emulator/fail-next-update", "control", [&state](HttpRequest&) {
    auto lock = state.lock();
    state.data().failNextUpdate = true;
    state.commit();
    return jsonResponse(200, nlohmann::json::object());
  });
  router.add("POST", "/__emulator/advance-clock", "control", [&state](HttpRequest& request) {
    auto body = parseJsonBody(request.body);
    if (!body || !body->contains("seconds") || !(*body)["seconds"].is_number()) {
      return invalidParameter("expected {\"seconds\": N}");
    }
    auto lock = state.lock();
    state.data().clockOffsetMs += static_cast<int64_t>((*body)["seconds"].get<double>() * 1000);
    state.commit();
    return jsonResponse(200, {{"now_ms", state.nowMs()}});
  });
  router.add("POST", "/__emulator/reset", "control", [&state](HttpRequest&) {
    auto lock = state.lock();
    state.reset();
    state.commit();
    return jsonResponse(200, nlohmann::json::object());
  });
}

}  // namespace cc::emulator
