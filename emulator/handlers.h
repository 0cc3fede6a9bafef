#pragma once
// One registration function per API family; each lives in its own *_handler.cc.

namespace cc::emulator {

class FaultInjector;
class RequestGate;
class Router;
class WorkspaceState;

void registerIdentityRoutes(Router& router, WorkspaceState& state);
void registerOAuthRoutes(Router& router, WorkspaceState& state);
void registerWorkspaceRoutes(Router& router, WorkspaceState& state);
void registerReposRoutes(Router& router, WorkspaceState& state);
void registerConnectionsRoutes(Router& router, WorkspaceState& state);
void registerPipelinesRoutes(Router& router, WorkspaceState& state);
void registerVolumesRoutes(Router& router, WorkspaceState& state);
void registerFilesRoutes(Router& router, WorkspaceState& state);
/// `/__emulator/...` test hooks (not counted, not authenticated, not logged).
void registerControlRoutes(Router& router, WorkspaceState& state, const FaultInjector& faults, RequestGate& gate);

}  // namespace cc::emulator
