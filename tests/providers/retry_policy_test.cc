#include "providers/retry_policy.h"

#include <gtest/gtest.h>

namespace cc::providers {
namespace {

RetryPolicy fixedJitter(double j = 0.0, RetrySettings s = {}) { return RetryPolicy(s, [j] { return j; }); }

AttemptOutcome status(int code, std::string retryAfter = {}) {
  AttemptOutcome o;
  o.status = code;
  o.retryAfter = std::move(retryAfter);
  return o;
}

TEST(RetryPolicy, ThrottlingIsRetriedEvenForCreatesAndHonoursRetryAfter) {
  auto p = fixedJitter();
  auto d = p.decide(1, status(429, "7"), RetrySafety::NotIdempotent, Millis(0));
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay, Millis(7000));
  d = p.decide(1, status(503, " 2 "), RetrySafety::NotIdempotent, Millis(0));
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay, Millis(2000));
}

TEST(RetryPolicy, MissingOrDateRetryAfterFallsBackToDefault) {
  auto p = fixedJitter();
  EXPECT_EQ(p.decide(1, status(429), RetrySafety::Idempotent, Millis(0)).delay, Millis(1000));
  EXPECT_EQ(p.decide(1, status(429, "Wed, 21 Oct 2015 07:28:00 GMT"), RetrySafety::Idempotent, Millis(0)).delay,
            Millis(1000));
}

TEST(RetryPolicy, ServerErrorsAndLostResponsesOnlyWhenIdempotent) {
  auto p = fixedJitter();
  EXPECT_TRUE(p.decide(1, status(500), RetrySafety::Idempotent, Millis(0)).retry);
  EXPECT_TRUE(p.decide(1, status(502), RetrySafety::Idempotent, Millis(0)).retry);
  EXPECT_FALSE(p.decide(1, status(500), RetrySafety::NotIdempotent, Millis(0)).retry);
  AttemptOutcome lost;
  lost.lost = true;
  EXPECT_TRUE(p.decide(1, lost, RetrySafety::Idempotent, Millis(0)).retry);
  EXPECT_FALSE(p.decide(1, lost, RetrySafety::NotIdempotent, Millis(0)).retry);
}

TEST(RetryPolicy, NotSentIsAlwaysSafeButTlsNever) {
  auto p = fixedJitter();
  AttemptOutcome notSent;
  notSent.notSent = true;
  EXPECT_TRUE(p.decide(1, notSent, RetrySafety::NotIdempotent, Millis(0)).retry);
  AttemptOutcome tls;
  tls.tlsFailure = true;
  tls.notSent = true;
  EXPECT_FALSE(p.decide(1, tls, RetrySafety::Idempotent, Millis(0)).retry);
}

TEST(RetryPolicy, ClientErrorsAreNotRetried) {
  auto p = fixedJitter();
  for (int code : {400, 401, 403, 404, 409}) EXPECT_FALSE(p.decide(1, status(code), RetrySafety::Idempotent, Millis(0)).retry);
}

TEST(RetryPolicy, BackoffIsExponentialCappedAndJittered) {
  RetrySettings s;
  s.baseDelay = Millis(100);
  s.maxDelay = Millis(1000);
  auto low = fixedJitter(0.0, s);
  auto high = fixedJitter(0.999, s);
  EXPECT_EQ(low.backoff(1), Millis(50));
  EXPECT_EQ(low.backoff(2), Millis(100));
  EXPECT_EQ(low.backoff(3), Millis(200));
  EXPECT_EQ(low.backoff(10), Millis(500));
  EXPECT_EQ(high.backoff(3), Millis(399));
  EXPECT_EQ(high.backoff(10), Millis(999));
}

TEST(RetryPolicy, StopsAtBudgetAndAttemptLimit) {
  RetrySettings s;
  s.totalBudget = Millis(5000);
  s.maxAttempts = 3;
  auto p = fixedJitter(0.0, s);
  EXPECT_TRUE(p.decide(1, status(429, "4"), RetrySafety::Idempotent, Millis(1000)).retry);
  EXPECT_FALSE(p.decide(1, status(429, "4"), RetrySafety::Idempotent, Millis(1001)).retry);
  EXPECT_FALSE(p.decide(3, status(429, "1"), RetrySafety::Idempotent, Millis(0)).retry);
}

TEST(RetryPolicy, ParseRetryAfter) {
  EXPECT_EQ(parseRetryAfter("3"), Millis(3000));
  EXPECT_EQ(parseRetryAfter("0"), Millis(0));
  EXPECT_FALSE(parseRetryAfter("").has_value());
  EXPECT_FALSE(parseRetryAfter("1.5").has_value());
  EXPECT_FALSE(parseRetryAfter("-1").has_value());
}

}  // namespace
}  // namespace cc::providers
