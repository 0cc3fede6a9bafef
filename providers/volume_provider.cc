// VolumeProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include "providers/provider_support.h"

namespace cc::providers {
namespace {

engine::ObservedResource fromVolume(const engine::ResourceKey& key, const VolumeInfo& v) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  o.fields = {{"catalog_name", v.catalogName}, {"schema_name", v.schemaName}, {"name", v.name},
              {"volume_type", v.volumeType}, {"volume_id", v.volumeId}};
  o.remoteId = v.volumeId;
  o.version = v.volumeId;  // nothing of a volume the tool uses can change but its identity
  return o;
}

}  // namespace

template <>
engine::Result<std::vector<engine::ObservedResource>> VolumeProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  return observeEach<VolumeInfo>(
      keys, api_->readParallelism(), [&](const std::string& name) { return api_->findVolume(name); }, fromVolume);
}

// POST volumes {catalog_name, schema_name, name, volume_type: MANAGED}; one that appeared in
// the meantime (another pipeline's apply) is read instead, as mkdirs is idempotent.
template <>
engine::Result<engine::ObservedResource> VolumeProvider::create(const engine::DesiredResource& desired) {
  nlohmann::json body = desired.fields;
  body["volume_type"] = desired.inputs.value("volume_type", "MANAGED");
  auto made = api_->createVolume(body);
  if (!made) return toDiagnostics(made.error());
  return fromVolume(desired.key, made.value());
}

template <>
engine::Result<engine::ObservedResource> VolumeProvider::update(const engine::DesiredResource& desired,
                                                                const engine::ObservedResource&,
                                                                const std::vector<std::string>&) {
  return create(desired);
}

// Volumes are shared (field_rules.h): the planner never deletes one; this is the contract's
// operation for callers that name a volume explicitly.
template <>
engine::Status VolumeProvider::remove(const engine::ObservedResource& current) {
  auto r = api_->deleteVolume(current.key.name);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

template <>
engine::Result<std::vector<engine::ObservedResource>> VolumeProvider::listMarked() { return std::vector<engine::ObservedResource>{}; }

}  // namespace cc::providers
