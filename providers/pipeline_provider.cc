// PipelineProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include <map>

#include "engine/ownership.h"
#include "providers/provider_support.h"

namespace cc::providers {
namespace {

engine::ObservedResource fromPipeline(const engine::ResourceKey& key, const nlohmann::json& got) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  o.fields = got.value("spec", nlohmann::json::object());
  o.fields.erase("id");
  if (!o.fields.contains("name")) o.fields["name"] = got.value("name", key.name);
  o.remoteId = got.value("pipeline_id", "");
  const auto& modified = got.value("last_modified", nlohmann::json());
  o.version = modified.is_null() ? "" : modified.dump();
  return o;
}

ApiResult<engine::ObservedResource> readPipeline(WorkspaceApi& api, const engine::ResourceKey& key, const std::string& id) {
  auto got = api.getPipeline(id);
  if (!got) return got.error();
  return fromPipeline(key, got.value());
}

}  // namespace

template <>
engine::Result<std::vector<engine::ObservedResource>> PipelineProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  if (keys.empty()) return std::vector<engine::ObservedResource>{};
  // The pipelines list carries no spec: one paged list finds the ids, then a GET per existing key.
  auto all = api_->listPipelines({}, 100);
  if (!all) return toDiagnostics(all.error());
  std::map<std::string, std::vector<std::string>> idsByName;
  for (const auto& s : all.value()) idsByName[s.name].push_back(s.pipelineId);
  std::vector<std::string> ids(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto it = idsByName.find(keys[i].name);
    if (it == idsByName.end()) continue;
    if (it->second.size() > 1) {
      engine::Diagnostics d;
      d.error(std::to_string(it->second.size()) + " pipelines are named '" + keys[i].name + "'", std::nullopt,
              "rename or delete the duplicates so the name identifies one pipeline");
      return d;
    }
    ids[i] = it->second.front();
  }
  auto results = parallelMap<ApiResult<engine::ObservedResource>>(keys.size(), api_->readParallelism(), [&](std::size_t i) {
    if (ids[i].empty()) return ApiResult<engine::ObservedResource>(missing(keys[i]));
    auto r = readPipeline(*api_, keys[i], ids[i]);
    if (!r && r.error().isNotFound()) return ApiResult<engine::ObservedResource>(missing(keys[i]));  // deleted meanwhile
    return r;
  });
  std::vector<engine::ObservedResource> out;
  for (auto& r : results) {
    if (!r) return toDiagnostics(r.error());
    out.push_back(std::move(r.value()));
  }
  return out;
}

template <>
engine::Result<engine::ObservedResource> PipelineProvider::create(const engine::DesiredResource& desired) {
  nlohmann::json body = withSecrets(desired);
  body["name"] = desired.key.name;
  auto id = api_->createPipeline(body);
  if (!id) return toDiagnostics(id.error());
  auto r = readPipeline(*api_, desired.key, id.value());
  if (!r) return toDiagnostics(r.error());
  return r.value();
}

template <>
engine::Result<engine::ObservedResource> PipelineProvider::update(const engine::DesiredResource& desired,
                                                                  const engine::ObservedResource& current,
                                                                  const std::vector<std::string>&) {
  // PUT replaces the whole spec: send every desired field, nothing less.
  nlohmann::json body = withSecrets(desired);
  body["name"] = desired.key.name;
  if (auto r = api_->editPipeline(current.remoteId, body); !r) return toDiagnostics(r.error());
  auto r = readPipeline(*api_, desired.key, current.remoteId);
  if (!r) return toDiagnostics(r.error());
  return r.value();
}

template <>
engine::Status PipelineProvider::remove(const engine::ObservedResource& current) {
  auto r = api_->deletePipeline(current.remoteId);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

template <>
engine::Result<std::vector<engine::ObservedResource>> PipelineProvider::listMarked() {
  auto all = api_->listPipelines({}, 100);
  if (!all) return toDiagnostics(all.error());
  const auto& items = all.value();
  auto results = parallelMap<ApiResult<engine::ObservedResource>>(items.size(), api_->readParallelism(), [&](std::size_t i) {
    return readPipeline(*api_, {engine::ResourceKind::Pipeline, items[i].name}, items[i].pipelineId);
  });
  std::vector<engine::ObservedResource> out;
  for (auto& r : results) {
    if (!r) {
      if (r.error().isNotFound()) continue;
      return toDiagnostics(r.error());
    }
    if (engine::carriesMarker(r.value())) out.push_back(std::move(r.value()));
  }
  return out;
}

}  // namespace cc::providers
