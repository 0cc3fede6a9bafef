#include "providers/provider_registry.h"

#include "engine/run_action_provider.h"
#include "providers/kind_provider.h"
#include "providers/pipeline_run_provider.h"
#include "providers/workspace_files.h"

namespace cc::providers {

struct HttpsProviderRegistry::Impl {
  Impl(std::shared_ptr<WorkspaceApi> api, RegistryOptions options);
  std::shared_ptr<WorkspaceApi> api;
  ConnectionProvider connections;
  DirectoryProvider directories;
  RepoProvider repos;
  IngestFileProvider ingestFiles;
  PipelineProvider pipelines;
  VolumeProvider volumes;
  VolumeFileProvider volumeFiles;
  PipelineRunProvider runs;
  engine::RunActionProvider runActions;
  WorkspaceFiles files;
};

HttpsProviderRegistry::HttpsProviderRegistry(std::shared_ptr<WorkspaceClient> client, RegistryOptions options)
    : impl_(std::make_unique<Impl>(std::make_shared<WorkspaceApi>(std::move(client)), options)) {}

HttpsProviderRegistry::Impl::Impl(std::shared_ptr<WorkspaceApi> apiIn, RegistryOptions options)
    : api(std::move(apiIn)), connections(api), directories(api), repos(api), ingestFiles(api), pipelines(api), volumes(api), volumeFiles(api),
      runs(api, options.sleeper ? *options.sleeper : realSleeper(), options.pollInterval), files(api) {
  api->setReadParallelism(options.readParallelism);
}

HttpsProviderRegistry::~HttpsProviderRegistry() = default;

engine::Provider& HttpsProviderRegistry::provider(engine::ResourceKind kind) {
  switch (kind) {
    case engine::ResourceKind::Connection: return impl_->connections;
    case engine::ResourceKind::Directory: return impl_->directories;
    case engine::ResourceKind::Repo: return impl_->repos;
    case engine::ResourceKind::IngestFile: return impl_->ingestFiles;
    case engine::ResourceKind::Pipeline: return impl_->pipelines;
    case engine::ResourceKind::Volume: return impl_->volumes;
    case engine::ResourceKind::VolumeFile: return impl_->volumeFiles;
    // Runs have no CRUD; the engine starts them through runner().
    case engine::ResourceKind::PipelineRun: return impl_->runActions;
  }
  return impl_->runActions;
}

engine::PipelineRunner& HttpsProviderRegistry::runner() { return impl_->runs; }
engine::Workspace& HttpsProviderRegistry::workspace() { return impl_->files; }

void HttpsProviderRegistry::maskInLogs(const std::vector<std::string>& values) {
  for (const std::string& value : values) impl_->api->client().masker().add(value);
}

engine::Result<std::unique_ptr<HttpsProviderRegistry>> connectRegistry(const ConnectionSettings& settings,
                                                                        RegistryOptions options) {
  auto client = connect(settings);
  if (!client) return client.diagnostics();
  if (!options.sleeper && settings.sleeper) options.sleeper = settings.sleeper;
  return std::make_unique<HttpsProviderRegistry>(client.value(), options);
}

}  // namespace cc::providers
