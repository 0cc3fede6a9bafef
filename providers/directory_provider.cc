// DirectoryProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include "providers/provider_support.h"

namespace cc::providers {
namespace {

engine::ObservedResource fromObject(const engine::ResourceKey& key, const ObjectInfo& info) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  o.fields = {{"path", key.name}, {"object_type", info.objectType}};
  o.remoteId = std::to_string(info.objectId);
  return o;
}

}  // namespace

template <>
engine::Result<std::vector<engine::ObservedResource>> DirectoryProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  return observeEach<ObjectInfo>(
      keys, api_->readParallelism(), [&](const std::string& name) { return api_->findStatus(name); }, fromObject);
}

template <>
engine::Result<engine::ObservedResource> DirectoryProvider::create(const engine::DesiredResource& desired) {
  auto made = api_->mkdirs(desired.key.name);
  // RESOURCE_ALREADY_EXISTS is fine only when the thing there is a directory.
  if (!made && !made.error().isAlreadyExists()) return toDiagnostics(made.error());
  auto status = api_->getStatus(desired.key.name);
  if (!status) return toDiagnostics(status.error());
  if (status->objectType != "DIRECTORY" && status->objectType != "REPO") {
    engine::Diagnostics d;
    d.error(desired.key.name + " exists and is a " + status->objectType + ", not a directory", std::nullopt,
            "move or delete that object, or choose another workspace path");
    return d;
  }
  return fromObject(desired.key, status.value());
}

template <>
engine::Result<engine::ObservedResource> DirectoryProvider::update(const engine::DesiredResource& desired,
                                                                   const engine::ObservedResource&,
                                                                   const std::vector<std::string>&) {
  return create(desired);
}

template <>
engine::Status DirectoryProvider::remove(const engine::ObservedResource& current) {
  // Never recursive: a directory that still holds something the tool does not manage stays.
  auto r = api_->deletePath(current.key.name, false);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

// Repos, folders and ingest files carry no marker: the deployment's record names them.
template <>
engine::Result<std::vector<engine::ObservedResource>> DirectoryProvider::listMarked() { return std::vector<engine::ObservedResource>{}; }

}  // namespace cc::providers
