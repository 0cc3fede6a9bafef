#pragma once
// The engine::Provider of each resource kind over HTTPS. Every kind has the same shape (the
// interface's five operations over one shared WorkspaceApi), so the shape is declared once
// here; what a kind does lives in its own file, <kind>_provider.cc, as explicit
// specialisations of these members.

#include <memory>

#include "engine/provider.h"
#include "providers/workspace_api.h"

namespace cc::providers {

/// engine::Provider for ResourceKind K. Thread-safe. Only the kinds aliased below have
/// members: any other K fails to link.
template <engine::ResourceKind K>
class KindProvider final : public engine::Provider {
 public:
  explicit KindProvider(std::shared_ptr<WorkspaceApi> api) : api_(std::move(api)) {}

  engine::Result<std::vector<engine::ObservedResource>> observe(const std::vector<engine::ResourceKey>& keys) override;
  engine::Result<engine::ObservedResource> create(const engine::DesiredResource& desired) override;
  engine::Result<engine::ObservedResource> update(const engine::DesiredResource& desired,
                                                  const engine::ObservedResource& current,
                                                  const std::vector<std::string>& changedFields) override;
  engine::Status remove(const engine::ObservedResource& current) override;
  engine::Result<std::vector<engine::ObservedResource>> listMarked() override;

 private:
  std::shared_ptr<WorkspaceApi> api_;
};

/// Unity Catalog connections: one paged list observes them all; create POSTs the fields with
/// secrets merged into options; update PATCHes the whole options map.
using ConnectionProvider = KindProvider<engine::ResourceKind::Connection>;
/// Workspace directories: get-status per path, mkdirs to create (idempotent).
using DirectoryProvider = KindProvider<engine::ResourceKind::Directory>;
/// Git folders: create = POST repos, PATCH branch, GET, then delete the excluded root files, as
/// the original tool does.
using RepoProvider = KindProvider<engine::ResourceKind::Repo>;
/// ingest.py files: export to observe (content_sha256), import SOURCE PYTHON overwrite=true to write.
using IngestFileProvider = KindProvider<engine::ResourceKind::IngestFile>;
/// Pipelines: one paged list, then a GET per existing pipeline (in parallel) for its spec; PUT
/// the full spec to update.
using PipelineProvider = KindProvider<engine::ResourceKind::Pipeline>;
/// Unity Catalog volumes (a managed pipeline's packages): GET by full name, POST to create.
using VolumeProvider = KindProvider<engine::ResourceKind::Volume>;
/// Package files in a volume: downloaded to observe (content_sha256), PUT with overwrite to write.
using VolumeFileProvider = KindProvider<engine::ResourceKind::VolumeFile>;

}  // namespace cc::providers
