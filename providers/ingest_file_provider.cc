// IngestFileProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include "engine/content_digest.h"
#include "engine/ingest_file_reader.h"
#include "providers/provider_support.h"

namespace cc::providers {
namespace {

engine::ObservedResource fromContent(const engine::ResourceKey& key, const std::string& content) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  const std::string digest = engine::sha256Hex(content);
  o.fields = {{"path", key.name}, {"content_sha256", digest}};
  // The tables it ingests, read back, so that a plan shows a change in the manifest's terms.
  if (auto facts = engine::readIngestFile(content); facts && facts->objects) o.fields["objects"] = *facts->objects;
  o.version = "sha256:" + digest;
  return o;
}

ApiResult<std::optional<std::string>> readBack(WorkspaceApi& api, const std::string& path) {
  auto r = api.exportFile(path, "SOURCE");
  if (r) return std::optional<std::string>(r->content);
  if (r.error().isNotFound()) return std::optional<std::string>();
  return r.error();
}

}  // namespace

template <>
engine::Result<std::vector<engine::ObservedResource>> IngestFileProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  return observeEach<std::string>(
      keys, api_->readParallelism(), [&](const std::string& name) { return readBack(*api_, name); }, fromContent);
}

template <>
engine::Result<engine::ObservedResource> IngestFileProvider::create(const engine::DesiredResource& desired) {
  const std::string content = desired.inputs.value("content", "");
  auto r = api_->importFile(desired.key.name, content, "SOURCE", "PYTHON", true);
  if (!r) return toDiagnostics(r.error());
  return fromContent(desired.key, content);
}

template <>
engine::Result<engine::ObservedResource> IngestFileProvider::update(const engine::DesiredResource& desired,
                                                                    const engine::ObservedResource&,
                                                                    const std::vector<std::string>&) {
  return create(desired);
}

template <>
engine::Status IngestFileProvider::remove(const engine::ObservedResource& current) {
  auto r = api_->deletePath(current.key.name, false);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

// Repos, folders and ingest files carry no marker: the deployment's record names them.
template <>
engine::Result<std::vector<engine::ObservedResource>> IngestFileProvider::listMarked() { return std::vector<engine::ObservedResource>{}; }

}  // namespace cc::providers
