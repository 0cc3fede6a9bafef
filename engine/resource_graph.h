#pragma once
// The plan's DAG: one node per resource key, an edge from a node to each node it depends on.
// Boost.Graph stays inside resource_graph.cc.

#include <cstddef>
#include <vector>

#include "engine/resource.h"
#include "engine/result.h"

namespace cc::engine {

/// An immutable, validated DAG over ResourceKeys. Nodes are indexed in key order, so every
/// traversal is deterministic. Dependencies on keys that are not nodes are ignored (they are
/// things that already exist, e.g. a connection the manifest does not declare).
class ResourceGraph {
 public:
  struct Node {
    ResourceKey key;
    std::vector<ResourceKey> dependsOn;
  };

  /// Fails with one error per cycle, naming its members from the smallest key:
  /// "dependency cycle: pipeline.a → connection.b → pipeline.a".
  static Result<ResourceGraph> build(std::vector<Node> nodes);

  std::size_t size() const { return keys_.size(); }
  const ResourceKey& key(std::size_t i) const { return keys_[i]; }
  /// Index of `key`, or size() when absent.
  std::size_t indexOf(const ResourceKey& key) const;
  const std::vector<std::size_t>& dependencies(std::size_t i) const { return deps_[i]; }
  const std::vector<std::size_t>& dependents(std::size_t i) const { return rdeps_[i]; }
  /// Dependencies before dependents; ties broken by key order.
  const std::vector<std::size_t>& topologicalOrder() const { return order_; }
  /// `roots` plus everything they depend on, transitively (for --target), as a sorted list.
  std::vector<std::size_t> withDependencies(const std::vector<std::size_t>& roots) const;

 private:
  std::vector<ResourceKey> keys_;
  std::vector<std::vector<std::size_t>> deps_;
  std::vector<std::vector<std::size_t>> rdeps_;
  std::vector<std::size_t> order_;
};

}  // namespace cc::engine
