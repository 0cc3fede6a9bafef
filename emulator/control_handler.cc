// Test hooks under /__emulator/ (documented in --help). Clients must never depend on them.
#include "emulator/fault_injector.h"
#include "emulator/handlers.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

void registerControlRoutes(Router& router, WorkspaceState& state, const FaultInjector& faults) {
  router.add("GET", "/__emulator/requests", "control", [&faults](HttpRequest&) {
    return jsonResponse(200, {{"count", faults.requestCount()}});
  });
  router.add("POST", "/__emulator/fail-next-update", "control", [&state](HttpRequest&) {
    auto lock = state.lock();
    state.data().fail_next_update = true;
    state.commit();
    return jsonResponse(200, nlohmann::json::object());
  });
  router.add("POST", "/__emulator/advance-clock", "control", [&state](HttpRequest& request) {
    auto body = parseJsonBody(request.body);
    if (!body || !body->contains("seconds") || !(*body)["seconds"].is_number()) {
      return errorResponse(400, "INVALID_PARAMETER_VALUE", "expected {\"seconds\": N}");
    }
    auto lock = state.lock();
    state.data().clock_offset_ms += static_cast<int64_t>((*body)["seconds"].get<double>() * 1000);
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
