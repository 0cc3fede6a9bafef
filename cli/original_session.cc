#include "cli/original_session.h"

#include <regex>

#include "cli/workspace_session.h"
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
  // Provider summaries read "... <METHOD> <path>: <status> [<CODE>]: <message> (request id …)".
  static const std::regex api(R"re((?:^|: )(\d{3})(?: ([A-Z][A-Z0-9_]*))?: (.*?)(?: \(request id [^)]*\))?(?: after \d+ attempts)?$)re");
  std::smatch m;
  if (!std::regex_search(diagnostic.summary, m, api)) return diagnostic.summary;
  const std::string code = m[2].matched ? m[2].str() : std::string();
  const std::string message = m[3];
  if (withCode && !code.empty()) return "[" + code + "] " + message;
  return message;
}

}  // namespace cc::cli
