#include "engine/resource_graph.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

ResourceKey conn(const char* n) { return {ResourceKind::Connection, n}; }
ResourceKey pipe(const char* n) { return {ResourceKind::Pipeline, n}; }

TEST(ResourceGraph, OrdersDependenciesFirstAndIgnoresExternalKeys) {
  auto g = ResourceGraph::build({{pipe("p"), {conn("c"), conn("external")}}, {conn("c"), {}}});
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->size(), 2u);
  const auto& order = g->topologicalOrder();
  EXPECT_EQ(g->key(order[0]), conn("c"));
  EXPECT_EQ(g->key(order[1]), pipe("p"));
  EXPECT_EQ(g->dependents(g->indexOf(conn("c"))).size(), 1u);
}

TEST(ResourceGraph, CycleIsAnErrorNamingItsMembersFromTheSmallestKey) {
  auto g = ResourceGraph::build({{pipe("b"), {pipe("a")}}, {pipe("a"), {conn("x")}}, {conn("x"), {pipe("b")}},
                                 {conn("free"), {}}});
  ASSERT_FALSE(g.ok());
  ASSERT_EQ(g.diagnostics().errorCount(), 1u);
  EXPECT_EQ(g.diagnostics().items()[0].summary,
            "dependency cycle: connection.x → pipeline.b → pipeline.a → connection.x");
}

TEST(ResourceGraph, SelfLoopIsACycle) {
  auto g = ResourceGraph::build({{pipe("a"), {pipe("a")}}});
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.diagnostics().items()[0].summary, "dependency cycle: pipeline.a → pipeline.a");
}

TEST(ResourceGraph, WithDependenciesIsTransitive) {
  auto g = ResourceGraph::build({{pipe("p"), {conn("c")}}, {conn("c"), {conn("d")}}, {conn("d"), {}}, {conn("z"), {}}});
  ASSERT_TRUE(g.ok());
  auto chosen = g->withDependencies({g->indexOf(pipe("p"))});
  EXPECT_EQ(chosen.size(), 3u);
  for (std::size_t i : chosen) EXPECT_NE(g->key(i), conn("z"));
}

}  // namespace
}  // namespace cc::engine
