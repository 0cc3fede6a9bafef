// VolumeFileProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include "engine/base64.h"
#include "engine/content_digest.h"
#include "providers/provider_support.h"

namespace cc::providers {
namespace {

engine::ObservedResource fromBytes(const engine::ResourceKey& key, const std::string& bytes) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  const std::string digest = engine::sha256Hex(bytes);
  o.fields = {{"path", key.name}, {"content_sha256", digest}, {"size", bytes.size()}};
  o.version = "sha256:" + digest;
  return o;
}

// The Files API gives no digest, so a file is read whole to compare it: package wheels are
// small, and reading is what lets an unchanged wheel go unsent.
ApiResult<std::optional<std::string>> readFile(WorkspaceApi& api, const std::string& path) {
  auto r = api.downloadFile(path);
  if (r) return std::optional<std::string>(std::move(r.value()));
  if (r.error().isNotFound()) return std::optional<std::string>();
  return r.error();
}

}  // namespace

template <>
engine::Result<std::vector<engine::ObservedResource>> VolumeFileProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  return observeEach<std::string>(
      keys, api_->readParallelism(), [&](const std::string& name) { return readFile(*api_, name); }, fromBytes);
}

// PUT fs/files{path}?overwrite=true with the bytes the plan carries (base64 in the plan file).
template <>
engine::Result<engine::ObservedResource> VolumeFileProvider::create(const engine::DesiredResource& desired) {
  auto bytes = engine::base64Decode(desired.inputs.value("content_base64", ""));
  if (!bytes || engine::sha256Hex(*bytes) != desired.fields.value("content_sha256", "")) {
    engine::Diagnostics d;
    d.error("the package bytes do not match the digest the plan shows", std::nullopt,
            "make the plan again: the plan file was changed after it was written");
    return d;
  }
  auto r = api_->uploadFile(desired.key.name, *bytes);
  if (!r) return toDiagnostics(r.error());
  return fromBytes(desired.key, *bytes);
}

template <>
engine::Result<engine::ObservedResource> VolumeFileProvider::update(const engine::DesiredResource& desired,
                                                                    const engine::ObservedResource&,
                                                                    const std::vector<std::string>&) {
  return create(desired);
}

template <>
engine::Status VolumeFileProvider::remove(const engine::ObservedResource& current) {
  auto r = api_->deleteFile(current.key.name);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

// Package files carry no marker: the deployment's record names them.
template <>
engine::Result<std::vector<engine::ObservedResource>> VolumeFileProvider::listMarked() { return std::vector<engine::ObservedResource>{}; }

}  // namespace cc::providers
