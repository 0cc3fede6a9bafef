#include "engine/ownership.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

TEST(Ownership, IsUnderRespectsPathSegments) {
  EXPECT_TRUE(isUnder("/a/b", "/a"));
  EXPECT_TRUE(isUnder("/a", "/a/"));
  EXPECT_FALSE(isUnder("/ab", "/a"));
  EXPECT_FALSE(isUnder("/", "/a"));
}

TEST(Ownership, IsUnderComparesNormalisedPaths) {
  const std::string root = "/Users/a@x.com/.lakeflow_community_connectors";
  EXPECT_FALSE(isUnder(root + "/../README.md", root));
  EXPECT_FALSE(isUnder(root + "/p/../../README.md", root));
  EXPECT_FALSE(isUnder(root + "/..", root));
  EXPECT_TRUE(isUnder(root + "/./p//ingest.py", root));
  EXPECT_TRUE(isUnder(root + "/p/../q/ingest.py", root));
  EXPECT_FALSE(isUnder("/../../etc", "/"));  // climbs above the root: under nothing
  EXPECT_FALSE(isUnder("relative/path", "/"));
  EXPECT_EQ(normalWorkspacePath("/a//b/./c/../d"), std::optional<std::string>("/a/b/d"));
  EXPECT_EQ(normalWorkspacePath("/a/../.."), std::nullopt);
}

TEST(Ownership, MarkersAreDistinctFromTheOriginalTool) {
  EXPECT_EQ(connectionComment(""), "managed by community-connector");
  EXPECT_EQ(connectionComment("team data"), "team data (managed by community-connector)");
  ObservedResource original{{ResourceKind::Connection, "c"}, true,
                            {{"comment", "created by lakeflow community-connector CLI tool"}}, "", "", {}, {}};
  EXPECT_FALSE(isOwned(original, "/r"));
  original.fields["comment"] = connectionComment("x");
  EXPECT_TRUE(isOwned(original, "/r"));
  ObservedResource adopted{{ResourceKind::Connection, "c"}, true, {}, "", "", {{"adopted", true}}, {}};
  EXPECT_TRUE(isOwned(adopted, "/r"));
}

TEST(Ownership, PipelinesByConfigurationAndPathsByRoot) {
  ObservedResource p{{ResourceKind::Pipeline, "p"}, true, {{"configuration", {{"x", "y"}}}}, "", "", {}, {}};
  EXPECT_FALSE(isOwned(p, "/r"));
  p.fields["configuration"][std::string(kPipelineMarkerKey)] = kPipelineMarkerValue;
  EXPECT_TRUE(isOwned(p, "/r"));
  EXPECT_TRUE(isOwned({{ResourceKind::Repo, "/r/p"}, true, {}, "", "", {}, {}}, "/r"));
  EXPECT_FALSE(isOwned({{ResourceKind::Repo, "/Shared/p"}, true, {}, "", "", {}, {}}, "/r"));
  EXPECT_FALSE(isOwned({{ResourceKind::Repo, "/r/p"}, false, {}, "", "", {}, {}}, "/r"));
  EXPECT_EQ(lockPath("/r"), "/r/.community-connector/apply.lock");
  EXPECT_EQ(fingerprintStorePath("/r"), "/r/.community-connector/fingerprints.json");
}

}  // namespace
}  // namespace cc::engine
