#include "cli/original/session.h"

#include "cli/workspace_session.h"
#include "providers/connection_users.h"
#include "providers/provider_registry.h"
#include "providers/provider_support.h"
#include "providers/workspace_api.h"
#include "providers/workspace_client.h"

namespace cc::cli {
namespace {

/// The HTTPS registry and the typed API over one client (one pool, one rate limiter).
class HttpsOriginalSession final : public OriginalSession {
 public:
  explicit HttpsOriginalSession(std::shared_ptr<providers::WorkspaceClient> client)
      : registry_(client), api_(client), host_(client->host()) {}
  engine::ProviderRegistry& registry() override { return registry_; }
  std::string host() const override { return host_; }
  engine::Result<nlohmann::json> pipelineDetails(const std::string& pipelineId) override {
    auto r = api_.getPipeline(pipelineId);
    if (!r) return providers::toDiagnostics(r.error());
    return r.value();
  }
  engine::Result<std::vector<std::string>> pipelinesUsingConnection(const std::string& name) override {
    return providers::pipelinesUsingConnection(api_, name);
  }
  providers::WorkspaceApi& api() override { return api_; }

 private:
  providers::HttpsProviderRegistry registry_;
  providers::WorkspaceApi api_;
  std::string host_;
};

}  // namespace

engine::Result<std::unique_ptr<OriginalSession>> openOriginalSession(const GlobalOptions& global) {
  // The original had no manifest: the workspace comes from flags, environment and profile only.
  auto client = providers::connect(workspaceConnectionSettings(global, nullptr));
  if (!client) return client.diagnostics();
  std::unique_ptr<OriginalSession> session = std::make_unique<HttpsOriginalSession>(client.value());
  return session;
}

std::string originalApiMessage(const engine::Diagnostic& diagnostic, bool withCode) {
  if (!diagnostic.api) return diagnostic.summary;
  const engine::ApiFailure& api = *diagnostic.api;
  if (withCode && !api.errorCode.empty() && api.errorCode != std::to_string(api.status))
    return "[" + api.errorCode + "] " + api.message;
  return api.message;
}

}  // namespace cc::cli
