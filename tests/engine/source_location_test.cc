#include "engine/source_location.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

SourceMap sample() {
  SourceMap m;
  m.setFile("m.yaml");
  m.add("", {"m.yaml", 1, 1});
  m.add("/pipelines/p", {"m.yaml", 3, 5});
  m.addKey("/pipelines/p", {"m.yaml", 2, 3});
  m.add("/pipelines/p/objects/0", {"m.yaml", 5, 9});
  m.add("/a~1b/~0c", {"m.yaml", 7, 2});
  m.add("/e/", {"m.yaml", 8, 4});  // an empty key
  return m;
}

TEST(SourceMap, FindsTheNodeOrItsClosestPlacedAncestor) {
  const SourceMap m = sample();
  EXPECT_EQ(m.find("/pipelines/p/objects/0"), (SourceRange{"m.yaml", 5, 9}));
  EXPECT_EQ(m.find("/pipelines/p/objects/0/table/x"), (SourceRange{"m.yaml", 5, 9}));
  EXPECT_EQ(m.find("/pipelines/p/objects"), (SourceRange{"m.yaml", 3, 5}));  // created, never placed
  EXPECT_EQ(m.find("/nothing/here"), (SourceRange{"m.yaml", 1, 1}));
  EXPECT_EQ(m.find(""), (SourceRange{"m.yaml", 1, 1}));
  EXPECT_EQ(m.find("/a~1b/~0c"), (SourceRange{"m.yaml", 7, 2}));
  EXPECT_EQ(m.find("/e/"), (SourceRange{"m.yaml", 8, 4}));
  EXPECT_EQ(m.find("not-a-pointer"), (SourceRange{"m.yaml", 1, 1}));
  EXPECT_EQ(SourceMap().find("/x"), std::nullopt);
}

TEST(SourceMap, KeyRangesFallBackToTheValue) {
  const SourceMap m = sample();
  EXPECT_EQ(m.findKey("/pipelines/p"), (SourceRange{"m.yaml", 2, 3}));
  EXPECT_EQ(m.findKey("/pipelines/p/objects/0"), (SourceRange{"m.yaml", 5, 9}));
}

TEST(SourceMap, AnAliasSharesTheWholeSubtreeAndKeepsTheOldName) {
  SourceMap m = sample();
  m.alias("/pipelines/p", "/pipelines/p_dev");
  EXPECT_EQ(m.findKey("/pipelines/p_dev"), (SourceRange{"m.yaml", 2, 3}));
  EXPECT_EQ(m.find("/pipelines/p_dev/objects/0/table"), (SourceRange{"m.yaml", 5, 9}));
  EXPECT_EQ(m.find("/pipelines/p/objects/0"), (SourceRange{"m.yaml", 5, 9}));
  // Aliasing what was never recorded changes nothing.
  m.alias("/pipelines/q", "/pipelines/q_dev");
  EXPECT_EQ(m.find("/pipelines/q_dev"), (SourceRange{"m.yaml", 1, 1}));
}

TEST(SourceMap, RangesOfAnotherFileWinOnlyWhenDeeper) {
  SourceMap m = sample();
  m.add("/pipelines/p/objects/0/spec", {"spec.yaml", 4, 1});
  m.add("/pipelines/p", {"other.yaml", 9, 9});  // same depth as an own position: the own one stays
  m.addKey("/pipelines/p/objects/0/spec", {"spec.yaml", 3, 1});
  EXPECT_EQ(m.find("/pipelines/p/objects/0/spec/x"), (SourceRange{"spec.yaml", 4, 1}));
  EXPECT_EQ(m.find("/pipelines/p"), (SourceRange{"m.yaml", 3, 5}));
  EXPECT_EQ(m.findKey("/pipelines/p/objects/0/spec"), (SourceRange{"spec.yaml", 3, 1}));
  m.alias("/pipelines/p", "/pipelines/p_dev");
  EXPECT_EQ(m.find("/pipelines/p_dev/objects/0/spec"), (SourceRange{"spec.yaml", 4, 1}));
  EXPECT_EQ(m.findKey("/pipelines/p_dev/objects/0/spec"), (SourceRange{"spec.yaml", 3, 1}));
}

TEST(SourceMap, ChildNodesAreFoundByPointer) {
  SourceMap m;
  m.setFile("f.yaml");
  const auto a = m.child(SourceMap::kRoot, "a");
  EXPECT_EQ(m.child(SourceMap::kRoot, "a"), a);  // the same node again
  const auto b = m.child(a, "0");
  m.setValue(b, 4, 2);
  m.setKey(a, 3, 1);
  EXPECT_EQ(m.find("/a/0"), (SourceRange{"f.yaml", 4, 2}));
  EXPECT_EQ(m.findKey("/a"), (SourceRange{"f.yaml", 3, 1}));
  EXPECT_EQ(m.find("/a"), std::nullopt);
}

}  // namespace
}  // namespace cc::engine
