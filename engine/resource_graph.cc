#include "engine/resource_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <map>
#include <queue>

namespace cc::engine {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// A path around the cycle inside one strongly connected component, starting at its smallest
// member (indices are in key order, so the smallest index is the smallest key).
std::vector<std::size_t> cycleThrough(std::size_t start, const std::vector<std::vector<std::size_t>>& deps,
                                      const std::vector<int>& component) {
  std::vector<std::size_t> path{start};
  std::vector<bool> seen(deps.size(), false);
  seen[start] = true;
  std::size_t at = start;
  while (true) {
    std::size_t next = deps.size();
    for (std::size_t d : deps[at]) {
      if (component[d] != component[start]) continue;
      if (d == start) return path;
      if (!seen[d]) {
        next = d;
        break;
      }
    }
    if (next == deps.size()) return path;  // cannot happen inside an SCC; stop safely
    seen[next] = true;
    path.push_back(next);
    at = next;
  }
}

}  // namespace

Result<ResourceGraph> ResourceGraph::build(std::vector<Node> nodes) {
  std::sort(nodes.begin(), nodes.end(), [](const Node& a, const Node& b) { return a.key < b.key; });
  ResourceGraph g;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0 && nodes[i].key == nodes[i - 1].key) {
      return Result<ResourceGraph>::failure("duplicate resource " + nodes[i].key.display());
    }
    g.keys_.push_back(nodes[i].key);
  }
  const std::size_t n = nodes.size();
  g.deps_.assign(n, {});
  g.rdeps_.assign(n, {});
  Graph bg(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const ResourceKey& dep : nodes[i].dependsOn) {
      std::size_t j = g.indexOf(dep);
      if (j == n) continue;
      if (std::find(g.deps_[i].begin(), g.deps_[i].end(), j) != g.deps_[i].end()) continue;
      g.deps_[i].push_back(j);
      g.rdeps_[j].push_back(i);
      boost::add_edge(i, j, bg);
    }
  }
  for (auto& v : g.deps_) std::sort(v.begin(), v.end());
  for (auto& v : g.rdeps_) std::sort(v.begin(), v.end());

  std::vector<int> component(n, 0);
  const int count = n == 0 ? 0 : boost::strong_components(bg, boost::make_iterator_property_map(component.begin(),
                                                                                               boost::get(boost::vertex_index, bg)));
  std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < n; ++i) members[static_cast<std::size_t>(component[i])].push_back(i);
  Diagnostics cycles;
  std::vector<std::vector<std::size_t>> found;
  for (const auto& m : members) {
    const bool selfLoop = m.size() == 1 && std::find(g.deps_[m[0]].begin(), g.deps_[m[0]].end(), m[0]) != g.deps_[m[0]].end();
    if (m.size() < 2 && !selfLoop) continue;
    found.push_back(cycleThrough(*std::min_element(m.begin(), m.end()), g.deps_, component));
  }
  std::sort(found.begin(), found.end());
  for (const auto& path : found) {
    std::string text;
    for (std::size_t i : path) text += g.keys_[i].address() + " → ";
    text += g.keys_[path.front()].address();
    cycles.error("dependency cycle: " + text, std::nullopt, "remove one of these references");
  }
  if (cycles.hasErrors()) return cycles;

  // Kahn's algorithm with a min-heap: dependencies first, smallest key first among equals.
  std::vector<std::size_t> pending(n);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    pending[i] = g.deps_[i].size();
    if (pending[i] == 0) ready.push(i);
  }
  while (!ready.empty()) {
    std::size_t i = ready.top();
    ready.pop();
    g.order_.push_back(i);
    for (std::size_t r : g.rdeps_[i]) {
      if (--pending[r] == 0) ready.push(r);
    }
  }
  return g;
}

std::size_t ResourceGraph::indexOf(const ResourceKey& key) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  return it != keys_.end() && *it == key ? static_cast<std::size_t>(it - keys_.begin()) : keys_.size();
}

std::vector<std::size_t> ResourceGraph::withDependencies(const std::vector<std::size_t>& roots) const {
  std::vector<bool> in(keys_.size(), false);
  std::vector<std::size_t> stack(roots.begin(), roots.end());
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    if (i >= keys_.size() || in[i]) continue;
    in[i] = true;
    for (std::size_t d : deps_[i]) stack.push_back(d);
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i]) out.push_back(i);
  }
  return out;
}

}  // namespace cc::engine
