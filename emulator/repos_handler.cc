#include "emulator/handlers.h"
#include "emulator/router.h"
#include "emulator/workspace_state.h"

namespace cc::emulator {

void registerReposRoutes(Router&, WorkspaceState&) {}

}  // namespace cc::emulator
