// The generation switch (cli/original/generation.cc): variable over config file, no case, and
// an unknown value named with where it came from and what is allowed.
#include "cli/original/generation.h"

#include <gtest/gtest.h>

namespace cc::cli {
namespace {

std::string generationError(const engine::Result<Generation>& r) { return r.diagnostics().items().at(0).summary; }

TEST(Generation, UnsetIsSeed) {
  auto g = resolveGeneration(nullptr, std::nullopt);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(*g, Generation::Seed);
  auto empty = resolveGeneration("", std::nullopt);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, Generation::Seed);
}

TEST(Generation, EitherPlaceWithoutCase) {
  EXPECT_EQ(*resolveGeneration("CURRENT", std::nullopt), Generation::Current);
  EXPECT_EQ(*resolveGeneration("Seed", std::nullopt), Generation::Seed);
  EXPECT_EQ(*resolveGeneration(nullptr, std::string("Current")), Generation::Current);
  EXPECT_EQ(generationName(Generation::Current), "current");
  EXPECT_EQ(generationName(Generation::Seed), "seed");
}

TEST(Generation, TheVariableWinsOverTheConfigFile) {
  EXPECT_EQ(*resolveGeneration("seed", std::string("current")), Generation::Seed);
  EXPECT_EQ(*resolveGeneration("current", std::string("seed")), Generation::Current);
  // Even a config value that would be an error is not read when the variable decides.
  EXPECT_TRUE(resolveGeneration("seed", std::string("bogus")).ok());
}

TEST(Generation, UnknownValuesNameTheVariableOrFileTheValueAndTheChoices) {
  auto fromVariable = resolveGeneration("head", std::nullopt);
  ASSERT_FALSE(fromVariable.ok());
  EXPECT_EQ(generationError(fromVariable),
            "COMMUNITY_CONNECTOR_GENERATION='head' is not a generation: use seed or current (or unset it for seed)");
  auto fromFile = resolveGeneration(nullptr, std::string("v2"), "my_config.yaml");
  ASSERT_FALSE(fromFile.ok());
  EXPECT_EQ(generationError(fromFile),
            "generation: 'v2' in my_config.yaml is not a generation: use seed or current (or remove the key for seed)");
}

}  // namespace
}  // namespace cc::cli
