#include "engine/run_action_provider.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

TEST(RunActionProvider, ARunIsNeverFoundAndHasNoCrud) {
  RunActionProvider runs;
  const ResourceKey key{ResourceKind::PipelineRun, "p"};
  auto seen = runs.observe({key, {ResourceKind::PipelineRun, "q"}});
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[0].key, key);
  EXPECT_FALSE((*seen)[0].exists);
  DesiredResource desired;
  desired.key = key;
  EXPECT_FALSE(runs.create(desired).ok());
  EXPECT_FALSE(runs.update(desired, (*seen)[0], {"wait"}).ok());
  EXPECT_FALSE(runs.remove((*seen)[0]).ok());
  EXPECT_NE(runs.create(desired).diagnostics().items().front().summary.find("pipeline_run p: a pipeline run cannot be created"), std::string::npos);
  ASSERT_TRUE(runs.listMarked().ok());
  EXPECT_TRUE(runs.listMarked()->empty());
}

}  // namespace
}  // namespace cc::engine
