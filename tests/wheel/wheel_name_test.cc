#include "wheel/wheel_name.h"

#include <gtest/gtest.h>

#include <utility>

namespace cc::wheel {
namespace {

TEST(WheelNameTest, RunsOfSeparatorsBecomeOneUnderscoreAndLettersLowerCase) {
  const std::pair<const char*, const char*> cases[] = {{"sample_connector", "sample_connector"},
                                                       {"lakeflow-connector-github", "lakeflow_connector_github"},
                                                       {"Sample--Connector._x", "sample_connector_x"},
                                                       {"a.b-c_d", "a_b_c_d"}};
  for (const auto& [name, escaped] : cases) EXPECT_EQ(escapeDistributionName(name), escaped) << name;
}

TEST(WheelNameTest, FileNameOfAPureWheel) {
  EXPECT_EQ(pureWheelFileName("Lakeflow-Connector.GitHub", "0.1.0"), "lakeflow_connector_github-0.1.0-py3-none-any.whl");
  EXPECT_EQ(distInfoFolder("sample-connector", "1.0rc1"), "sample_connector-1.0rc1.dist-info");
}

TEST(WheelNameTest, DistributionNamesFollowCoreMetadata) {
  EXPECT_FALSE(distributionNameProblem("sample-connector"));
  EXPECT_FALSE(distributionNameProblem("a"));
  EXPECT_FALSE(distributionNameProblem("A.b_c-9"));
  EXPECT_TRUE(distributionNameProblem(""));
  EXPECT_TRUE(distributionNameProblem("-leading"));
  EXPECT_TRUE(distributionNameProblem("trailing."));
  EXPECT_TRUE(distributionNameProblem("has space"));
  EXPECT_TRUE(distributionNameProblem("slash/name"));
}

TEST(WheelNameTest, OnlyNormalisedVersionsAreAccepted) {
  for (const char* good : {"0.1.0", "1", "1.0rc1", "2!1.0.post1.dev3", "1.0+local.7", "1.2a0", "10.20.30"}) {
    EXPECT_FALSE(versionProblem(good)) << good;
  }
  for (const char* bad : {"", "v1.0", "1.0-1", "1.0.RC1", "01.0", "1.0 ", "1..0", "1.0/../x", "1.0+Local"}) {
    EXPECT_TRUE(versionProblem(bad)) << bad;
  }
}

}  // namespace
}  // namespace cc::wheel
