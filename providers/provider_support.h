#pragma once
// Small pieces every per-kind provider shares: ApiResult → engine::Result, secrets merged
// into request bodies, and a bounded parallel map for per-resource GETs.

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "engine/provider.h"
#include "providers/api_result.h"

namespace cc::providers {

template <typename T>
engine::Result<T> toEngine(ApiResult<T> r) {
  return std::move(r).toResult();
}

inline engine::Status toEngineStatus(const ApiStatus& r) {
  if (r.ok()) return engine::okStatus();
  engine::Diagnostics d;
  d.add(r.error().toDiagnostic());
  return d;
}

inline engine::Diagnostics toDiagnostics(const ApiError& e) {
  engine::Diagnostics d;
  d.add(e.toDiagnostic());
  return d;
}

/// `fields` with every secret ("options.token" → fields.options.token) filled in, for a request.
nlohmann::json withSecrets(const engine::DesiredResource& desired);

/// Runs fn(i) for i in [0, n) on up to `width` threads; results keep their index.
template <typename T>
std::vector<T> parallelMap(std::size_t n, std::size_t width, const std::function<T(std::size_t)>& fn) {
  std::vector<std::optional<T>> slots(n);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) slots[i].emplace(fn(i));
  };
  std::vector<std::thread> threads;
  const std::size_t count = std::min(width, n);
  for (std::size_t t = 1; t < count; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  std::vector<T> out;
  out.reserve(n);
  for (auto& s : slots) out.push_back(std::move(*s));
  return out;
}

/// An observed resource that does not exist.
inline engine::ObservedResource missing(const engine::ResourceKey& key) {
  engine::ObservedResource o;
  o.key = key;
  return o;
}

/// observe() of a kind read one key at a time: `read(name)` gives the object or nullopt when it
/// does not exist, `convert(key, object)` the observed resource; reads run in parallel (`width`),
/// and the first failed read fails the whole observation.
template <typename Object, typename Read, typename Convert>
engine::Result<std::vector<engine::ObservedResource>> observeEach(const std::vector<engine::ResourceKey>& keys,
                                                                  std::size_t width, Read read, Convert convert) {
  auto results = parallelMap<ApiResult<std::optional<Object>>>(keys.size(), width,
                                                               [&](std::size_t i) { return read(keys[i].name); });
  std::vector<engine::ObservedResource> out;
  out.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!results[i]) return toDiagnostics(results[i].error());
    out.push_back(results[i]->has_value() ? convert(keys[i], **results[i]) : missing(keys[i]));
  }
  return out;
}

}  // namespace cc::providers
