#pragma once
// The engine's ProviderRegistry over one connected WorkspaceClient: what the CLI builds after
// `connect` and hands to the planner and executor.

#include <memory>

#include "engine/provider.h"
#include "providers/clock.h"
#include "providers/workspace_client.h"

namespace cc::providers {

struct RegistryOptions {
  Sleeper* sleeper = nullptr;   // pacing of run polls; default realSleeper()
  Millis pollInterval{1000};
  std::size_t readParallelism = 10;  // WorkspaceApi::readParallelism
};

/// Owns one provider per kind, all sharing the client (and so its pool and rate limiter).
class HttpsProviderRegistry final : public engine::ProviderRegistry {
 public:
  explicit HttpsProviderRegistry(std::shared_ptr<WorkspaceClient> client, RegistryOptions options = {});
  ~HttpsProviderRegistry() override;

  engine::Provider& provider(engine::ResourceKind kind) override;
  engine::PipelineRunner& runner() override;
  engine::Workspace& workspace() override;
  void maskInLogs(const std::vector<std::string>& values) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// connect() then a registry: the one call the CLI needs.
engine::Result<std::unique_ptr<HttpsProviderRegistry>> connectRegistry(const ConnectionSettings& settings,
                                                                        RegistryOptions options = {});

}  // namespace cc::providers
