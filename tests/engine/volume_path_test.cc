// Volume paths as today's original tool takes them (--volume-path), and its default place.
#include "engine/volume_path.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

std::string errorOf(const Result<VolumePath>& r) {
  return r.ok() ? std::string() : r.diagnostics().items().front().summary + " | " + r.diagnostics().items().front().detail;
}

TEST(VolumePath, CatalogSchemaVolumeAndASubpath) {
  auto v = parseVolumePath("/Volumes/main/raw/community_connector/packages/v2/");
  ASSERT_TRUE(v.ok()) << errorOf(v);
  EXPECT_EQ(v->catalog, "main");
  EXPECT_EQ(v->schema, "raw");
  EXPECT_EQ(v->volume, "community_connector");
  EXPECT_EQ(v->subpath, "packages/v2");
  EXPECT_EQ(v->fullName(), "main.raw.community_connector");
  EXPECT_EQ(v->path(), "/Volumes/main/raw/community_connector/packages/v2");
  EXPECT_EQ(v->file("a-1.0-py3-none-any.whl"), "/Volumes/main/raw/community_connector/packages/v2/a-1.0-py3-none-any.whl");
  auto bare = parseVolumePath("/Volumes/c/s/v");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->subpath, "");
  EXPECT_EQ(bare->path(), "/Volumes/c/s/v");
}

TEST(VolumePath, MalformedPathsSayTheShape) {
  for (const std::string bad : {"Volumes/c/s/v", "/volumes/c/s/v", "/Volumes/c/s", "/Volumes/c/s/", "/Volumes/c//v",
                                "/Volumes/c/s/v//x", "/Volumes/c/s/../x", "/Volumes/c/s/v/\nx", "/Workspace/c/s/v", ""}) {
    auto r = parseVolumePath(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(errorOf(r).find("/Volumes/<catalog>/<schema>/<volume>[/<subpath>]"), std::string::npos) << errorOf(r);
  }
  EXPECT_NE(errorOf(parseVolumePath("/Volumes/c/s")).find("does not name a catalog, a schema and a volume"),
            std::string::npos);
}

TEST(VolumePath, DefaultPackagesVolumeFollowsCatalogAndSchema) {
  EXPECT_EQ(defaultPackagesVolume("", "").path(), "/Volumes/main/default/community_connector/packages");
  EXPECT_EQ(defaultPackagesVolume("bronze", "github").path(), "/Volumes/bronze/github/community_connector/packages");
  EXPECT_EQ(defaultPackagesVolume("bronze", "github").fullName(), "bronze.github.community_connector");
}

}  // namespace
}  // namespace cc::engine
