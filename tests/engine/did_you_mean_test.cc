#include "engine/did_you_mean.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("same", "same"), 0u);
}

TEST(DidYouMean, SuggestsCloseNamesOnly) {
  const std::vector<std::string> keys = {"connection", "catalog", "schema", "objects"};
  EXPECT_EQ(closestMatch("conection", keys), "connection");
  EXPECT_EQ(closestMatch("Catalog", keys), "catalog");
  EXPECT_EQ(closestMatch("shema", keys), "schema");
  EXPECT_FALSE(closestMatch("zzzzzz", keys));
  EXPECT_FALSE(closestMatch("objects", keys));  // an exact name is not a suggestion
}

}  // namespace
}  // namespace cc::engine
