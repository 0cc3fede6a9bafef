#include "cli/workspace_session.h"

#include "cli/command_support.h"

#include <algorithm>
#include <iostream>

#include "providers/provider_registry.h"
#include "providers/workspace_client.h"

namespace cc::cli {
namespace {

std::optional<std::string> stringMember(const nlohmann::json* section, const char* key) {
  if (section == nullptr || !section->is_object()) return std::nullopt;
  auto it = section->find(key);
  if (it == section->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

providers::ConnectionSettings workspaceConnectionSettings(const GlobalOptions& global,
                                                          const nlohmann::json* workspaceSection) {
  providers::ConnectionSettings settings;
  settings.auth.flagHost = global.host;
  settings.auth.flagProfile = global.profile;
  settings.auth.manifestHost = stringMember(workspaceSection, "host");
  settings.auth.manifestProfile = stringMember(workspaceSection, "profile");
  if (global.debug) settings.debug = &std::cerr;
  if (global.retryTimeoutSeconds)
    settings.retry.totalBudget = providers::Millis(static_cast<std::int64_t>(*global.retryTimeoutSeconds * 1000));
  settings.cancel = &interruptFlag();  // set only while an InterruptGuard catches the signals
  return settings;
}

engine::Result<WorkspaceSession> openWorkspaceSession(const GlobalOptions& global,
                                                       const nlohmann::json* workspaceSection, int readParallelism) {
  providers::RegistryOptions options;
  options.readParallelism = static_cast<std::size_t>(std::max(1, readParallelism));
  auto registry = providers::connectRegistry(workspaceConnectionSettings(global, workspaceSection), options);
  if (!registry) return registry.diagnostics();
  WorkspaceSession session;
  std::unique_ptr<providers::HttpsProviderRegistry> owned = std::move(registry).value();
  session.registry = std::shared_ptr<engine::ProviderRegistry>(std::move(owned));
  return session;
}

}  // namespace cc::cli
