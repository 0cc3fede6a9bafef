// ConnectionProvider (kind_provider.h): the members of KindProvider for this kind.
#include "providers/kind_provider.h"

#include <map>

#include "engine/ascii_case.h"
#include "engine/ownership.h"
#include "providers/provider_support.h"

namespace cc::providers {
namespace {

std::string lower(const std::string& s) { return engine::lowerAscii(s); }

engine::ObservedResource fromInfo(const engine::ResourceKey& key, const nlohmann::json& info) {
  engine::ObservedResource o;
  o.key = key;
  o.exists = true;
  o.fields = nlohmann::json::object();
  for (const char* f : {"name", "connection_type", "options", "comment", "properties", "owner", "read_only"})
    if (info.contains(f)) o.fields[f] = info[f];
  if (!o.fields.contains("options")) o.fields["options"] = nlohmann::json::object();
  o.remoteId = info.value("connection_id", "");
  const auto& updated = info.value("updated_at", nlohmann::json());
  o.version = updated.is_null() ? "" : updated.dump();
  return o;
}

void registerSecrets(WorkspaceApi& api, const engine::DesiredResource& desired) {
  for (const auto& [path, secret] : desired.secrets) api.client().masker().add(secret.revealForRequest());
}

}  // namespace

template <>
engine::Result<std::vector<engine::ObservedResource>> ConnectionProvider::observe(const std::vector<engine::ResourceKey>& keys) {
  if (keys.empty()) return std::vector<engine::ObservedResource>{};
  auto all = api_->listConnections(0);
  if (!all) return toDiagnostics(all.error());
  std::map<std::string, const nlohmann::json*> byName;  // Unity Catalog names compare case-insensitively
  for (const auto& c : all.value()) byName[lower(c.value("name", ""))] = &c;
  std::vector<engine::ObservedResource> out;
  for (const auto& key : keys) {
    auto it = byName.find(lower(key.name));
    out.push_back(it == byName.end() ? missing(key) : fromInfo(key, *it->second));
  }
  return out;
}

template <>
engine::Result<engine::ObservedResource> ConnectionProvider::create(const engine::DesiredResource& desired) {
  registerSecrets(*api_, desired);
  auto r = api_->createConnection(withSecrets(desired));
  if (!r) return toDiagnostics(r.error());
  return fromInfo(desired.key, r.value());
}

template <>
engine::Result<engine::ObservedResource> ConnectionProvider::update(const engine::DesiredResource& desired,
                                                                    const engine::ObservedResource&,
                                                                    const std::vector<std::string>&) {
  registerSecrets(*api_, desired);
  // PATCH replaces the whole options map, so every option goes again, secrets included.
  const nlohmann::json full = withSecrets(desired);
  // `name` in the body too, as the original tool sent it (the API tolerates the extra key).
  nlohmann::json body{{"name", desired.key.name}, {"options", full.value("options", nlohmann::json::object())}};
  auto r = api_->updateConnection(desired.key.name, body);
  if (!r) return toDiagnostics(r.error());
  return fromInfo(desired.key, r.value());
}

template <>
engine::Status ConnectionProvider::remove(const engine::ObservedResource& current) {
  auto r = api_->deleteConnection(current.key.name);
  if (!r && r.error().isNotFound()) return engine::okStatus();
  return toEngineStatus(r);
}

template <>
engine::Result<std::vector<engine::ObservedResource>> ConnectionProvider::listMarked() {
  auto all = api_->listConnections(0);
  if (!all) return toDiagnostics(all.error());
  std::vector<engine::ObservedResource> out;
  for (const auto& c : all.value()) {
    auto o = fromInfo({engine::ResourceKind::Connection, c.value("name", "")}, c);
    if (engine::carriesMarker(o)) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace cc::providers
