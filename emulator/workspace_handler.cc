#include "emulator/handlers.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

void registerWorkspaceRoutes(Router&, WorkspaceState&) {}

}  // namespace cc::emulator
