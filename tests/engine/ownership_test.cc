#include "engine/deployment.h"
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

TEST(Ownership, ConnectionMarkersNameTheDeploymentExactly) {
  EXPECT_EQ(connectionComment("", "a/prod"), "managed by community-connector deployment a/prod");
  EXPECT_EQ(connectionComment("team data", "a/prod"), "team data (managed by community-connector deployment a/prod)");
  EXPECT_EQ(markerInComment("team data (managed by community-connector deployment a/prod)"), "a/prod");
  EXPECT_EQ(markerInComment("managed by community-connector"), "");  // an earlier release's
  EXPECT_EQ(markerInComment("x (managed by community-connector)"), "");
  // Merely containing the words is no marker.
  EXPECT_EQ(markerInComment("NOT managed by community-connector"), std::nullopt);
  EXPECT_EQ(markerInComment("managed by community-connector deployment a/prod, by hand"), std::nullopt);
  EXPECT_EQ(markerInComment("created by lakeflow community-connector CLI tool"), std::nullopt);
}

TEST(Ownership, WhoOwnsWhat) {
  const OwnershipScope scope{"a/prod", {{ResourceKind::Repo, "/Shared/a/p"}, {ResourceKind::Connection, "adopted"}}};
  auto connection = [](std::string name, std::string comment) {
    return ObservedResource{{ResourceKind::Connection, std::move(name)}, true, {{"comment", std::move(comment)}}, "", "", {}, {}};
  };
  EXPECT_EQ(ownerOf(connection("c", connectionComment("", "a/prod")), scope).kind, OwnerKind::This);
  const Owner other = ownerOf(connection("c", connectionComment("", "b/prod")), scope);
  EXPECT_EQ(other.kind, OwnerKind::Other);
  EXPECT_EQ(other.deployment, "b/prod");
  EXPECT_EQ(ownerOf(connection("c", connectionComment("", "a/dev")), scope).kind, OwnerKind::Other);
  EXPECT_EQ(ownerOf(connection("c", "managed by community-connector"), scope).kind, OwnerKind::Legacy);
  EXPECT_EQ(ownerOf(connection("adopted", "by hand"), scope).kind, OwnerKind::This);
  EXPECT_EQ(ownerOf(connection("c", "NOT managed by community-connector"), scope).kind, OwnerKind::None);

  ObservedResource p{{ResourceKind::Pipeline, "p"}, true, {{"configuration", {{"x", "y"}}}}, "", "", {}, {}};
  EXPECT_EQ(ownerOf(p, scope).kind, OwnerKind::None);
  p.fields["configuration"][std::string(kPipelineMarkerKey)] = kPipelineMarkerValue;
  EXPECT_EQ(ownerOf(p, scope).kind, OwnerKind::Legacy);
  p.fields["configuration"][std::string(kPipelineDeploymentKey)] = "a/prod";
  EXPECT_EQ(ownerOf(p, scope).kind, OwnerKind::This);
  p.fields["configuration"][std::string(kPipelineDeploymentKey)] = "b/prod";
  EXPECT_EQ(ownerOf(p, scope).kind, OwnerKind::Other);

  EXPECT_EQ(ownerOf({{ResourceKind::Repo, "/Shared/a/p"}, true, {}, "", "", {}, {}}, scope).kind, OwnerKind::This);
  EXPECT_EQ(ownerOf({{ResourceKind::Repo, "/Shared/b/p"}, true, {}, "", "", {}, {}}, scope).kind, OwnerKind::None);
  EXPECT_EQ(ownerOf({{ResourceKind::Repo, "/Shared/a/p"}, false, {}, "", "", {}, {}}, scope).kind, OwnerKind::None);
}

TEST(Ownership, DeploymentPaths) {
  Deployment d;
  d.name = "team_a";
  d.environment = "prod";
  EXPECT_EQ(d.lockFile(), "/Shared/.community-connector/team_a/prod/apply.lock");
  EXPECT_EQ(d.stateFile(), "/Shared/.community-connector/team_a/prod/state.json");
  d.statePath = "/Shared/state";
  EXPECT_EQ(d.lockFile(), "/Shared/state/apply.lock");
  EXPECT_EQ(legacyFingerprintStorePath("/r"), "/r/.community-connector/fingerprints.json");
  EXPECT_EQ(deploymentNameFromFile("dir/team-a.yaml"), "team-a");
  EXPECT_EQ(deploymentNameFromFile("-"), "default");
  EXPECT_EQ(deploymentNameFromFile("my conns!.yml"), "my_conns_");
  EXPECT_TRUE(isDeploymentName("a.b-c_d"));
  EXPECT_FALSE(isDeploymentName(".."));
  EXPECT_FALSE(isDeploymentName("a/b"));
  EXPECT_FALSE(isDeploymentName(std::string(65, 'a')));
}

}  // namespace
}  // namespace cc::engine
