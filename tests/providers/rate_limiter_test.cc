#include "providers/rate_limiter.h"

#include <gtest/gtest.h>

#include "fake_time.h"

namespace cc::providers {
namespace {

using testing::FakeClock;
using testing::RecordingSleeper;

TEST(RateLimiter, AFamilyIsNotPacedBeforeItsFirst429) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiter limiter(RateLimiterSettings{}, clock, sleeper);
  for (int i = 0; i < 500; ++i) ASSERT_EQ(limiter.acquire("workspace"), Millis(0)) << "request " << i;
  EXPECT_TRUE(sleeper.sleeps().empty());
}

TEST(RateLimiter, TheFirst429PacesAtHalfTheRateJustMeasured) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiterSettings s;
  s.initialRate = 20;
  RateLimiter limiter(s, clock, sleeper);
  for (int i = 0; i < 150; ++i) {  // 100 requests per second for 1.5 s
    limiter.acquire("workspace");
    clock.advance(Millis(10));
  }
  limiter.onThrottled("workspace");
  EXPECT_NEAR(limiter.rate("workspace"), 50, 3);
  EXPECT_EQ(limiter.acquire("workspace"), Millis(20));  // bucket emptied: one token at 50/s
  EXPECT_DOUBLE_EQ(limiter.rate("connections"), 20);     // other families untouched
  EXPECT_EQ(limiter.acquire("connections"), Millis(0));
}

TEST(RateLimiter, BurstThenPacedAtTheRate) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiterSettings s;
  s.initialRate = 10;
  s.burst = 2;
  s.paceFromStart = true;
  RateLimiter limiter(s, clock, sleeper);
  EXPECT_EQ(limiter.acquire("pipelines"), Millis(0));
  EXPECT_EQ(limiter.acquire("pipelines"), Millis(0));
  EXPECT_EQ(limiter.acquire("pipelines"), Millis(100));  // 1 token at 10/s
  // Families are independent.
  EXPECT_EQ(limiter.acquire("connections"), Millis(0));
  EXPECT_EQ(limiter.acquire("connections"), Millis(0));
}

TEST(RateLimiter, HalvesOnThrottleAndRecoversOnSuccess) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiterSettings s;
  s.initialRate = 16;
  s.increase = 1;
  s.minRate = 1;
  s.maxRate = 20;
  RateLimiter limiter(s, clock, sleeper);
  limiter.onThrottled("repos");
  EXPECT_DOUBLE_EQ(limiter.rate("repos"), 8);
  for (int i = 0; i < 4; ++i) {
    clock.advance(Millis(1000));
    limiter.onThrottled("repos");
  }
  EXPECT_DOUBLE_EQ(limiter.rate("repos"), 1);  // floor
  for (int i = 0; i < 50; ++i) limiter.onSuccess("repos");
  EXPECT_DOUBLE_EQ(limiter.rate("repos"), 20);  // ceiling
}

TEST(RateLimiter, ThrottlesWithinOneIntervalCutTheRateOnce) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiterSettings s;
  s.initialRate = 16;
  RateLimiter limiter(s, clock, sleeper);
  for (int i = 0; i < 10; ++i) limiter.onThrottled("pipelines");  // ten workers, one moment
  EXPECT_DOUBLE_EQ(limiter.rate("pipelines"), 8);
  clock.advance(Millis(999));
  limiter.onThrottled("pipelines");
  EXPECT_DOUBLE_EQ(limiter.rate("pipelines"), 8);
  clock.advance(Millis(1));
  limiter.onThrottled("pipelines");
  EXPECT_DOUBLE_EQ(limiter.rate("pipelines"), 4);
}

TEST(RateLimiter, Scattered429sAmongSuccessesDoNotCutTheRate) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiterSettings s;
  s.initialRate = 16;
  RateLimiter limiter(s, clock, sleeper);
  limiter.onThrottled("pipelines");  // starts pacing at 8/s
  for (int second = 0; second < 5; ++second) {
    clock.advance(Millis(1000));
    for (int i = 0; i < 8; ++i) limiter.onSuccess("pipelines");
    limiter.onThrottled("pipelines");  // 1 in 9: a random fault, not a limit
  }
  EXPECT_DOUBLE_EQ(limiter.rate("pipelines"), 8 + 5 * 8 * s.increase);
  // A second in which most answers are 429s is a limit: the rate is cut.
  clock.advance(Millis(1000));
  limiter.onSuccess("pipelines");
  for (int i = 0; i < 3; ++i) limiter.onThrottled("pipelines");
  EXPECT_DOUBLE_EQ(limiter.rate("pipelines"), (8 + 5 * 8 * s.increase + s.increase) / 2);
}

TEST(RateLimiter, AfterThrottleTheNextRequestWaits) {
  FakeClock clock;
  RecordingSleeper sleeper(&clock);
  RateLimiterSettings s;
  s.initialRate = 10;
  s.burst = 5;
  RateLimiter limiter(s, clock, sleeper);
  limiter.acquire("workspace");
  limiter.onThrottled("workspace");                      // rate 5/s, bucket emptied
  EXPECT_EQ(limiter.acquire("workspace"), Millis(200));  // one token at 5/s
}

TEST(RateLimiter, FamilyFromPath) {
  EXPECT_EQ(apiFamily("/api/2.1/unity-catalog/connections/x"), "connections");
  EXPECT_EQ(apiFamily("/api/2.0/pipelines/abc/updates"), "pipelines");
  EXPECT_EQ(apiFamily("/api/2.0/repos/12"), "repos");
  EXPECT_EQ(apiFamily("/api/2.0/workspace/import"), "workspace");
  EXPECT_EQ(apiFamily("/api/2.0/preview/scim/v2/Me"), "scim");
  EXPECT_EQ(apiFamily("/oidc/v1/token"), "oauth");
}

}  // namespace
}  // namespace cc::providers
