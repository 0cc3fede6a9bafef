// The original tool's wording of an API failure, read from the diagnostic's typed answer
// (engine/api_failure.h), never from its text.
#include "cli/original/session.h"

#include <gtest/gtest.h>

namespace cc::cli {
namespace {

engine::Diagnostic apiFailure(int status, std::string code, std::string message) {
  engine::Diagnostic d;
  d.summary = "pipeline p: create failed: " + std::to_string(status) + " " + code + ": " + message;
  d.api = engine::ApiFailure{status, std::move(code), std::move(message), "req-1", 1};
  return d;
}

TEST(OriginalApiMessage, ConnectionCommandsShowTheCodeOthersTheMessage) {
  auto d = apiFailure(409, "RESOURCE_ALREADY_EXISTS", "Connection 'c' already exists");
  EXPECT_EQ(originalApiMessage(d, true), "[RESOURCE_ALREADY_EXISTS] Connection 'c' already exists");
  EXPECT_EQ(originalApiMessage(d, false), "Connection 'c' already exists");
}

TEST(OriginalApiMessage, AServerMessageIsKeptWholeEvenWhereItReadsLikeOurOwnSuffixes) {
  // Parsed back out of the one-line summary, " after 3 attempts" and "(request id …)" would
  // have been taken for our retry and request-id suffixes and cut off.
  auto d = apiFailure(400, "INVALID_PARAMETER_VALUE", "rejected after 3 attempts");
  EXPECT_EQ(originalApiMessage(d, true), "[INVALID_PARAMETER_VALUE] rejected after 3 attempts");
  d = apiFailure(400, "INVALID_PARAMETER_VALUE", "token (request id x) invalid: 404 NOT_FOUND: inner");
  EXPECT_EQ(originalApiMessage(d, false), "token (request id x) invalid: 404 NOT_FOUND: inner");
}

TEST(OriginalApiMessage, ANumericCodeIsNotRepeatedAndNoAnswerFallsBackToTheSummary) {
  auto d = apiFailure(401, "401", "Credential was not sent");
  EXPECT_EQ(originalApiMessage(d, true), "Credential was not sent");
  engine::Diagnostic transport;
  transport.summary = "Transport: connection refused";
  EXPECT_EQ(originalApiMessage(transport, true), "Transport: connection refused");
}

TEST(OriginalApiMessage, ExtractsCodeAndMessage) {
  engine::Diagnostic d;
  d.summary = "connection c: create failed: POST /api/2.1/unity-catalog/connections: 409 RESOURCE_ALREADY_EXISTS: "
              "Connection 'c' already exists (request id r-1)";
  d.api = engine::ApiFailure{409, "RESOURCE_ALREADY_EXISTS", "Connection 'c' already exists", "r-1", 1};
  EXPECT_EQ(originalApiMessage(d, true), "[RESOURCE_ALREADY_EXISTS] Connection 'c' already exists");
  EXPECT_EQ(originalApiMessage(d, false), "Connection 'c' already exists");
  d.summary = "GET /api/2.0/pipelines: 403: Invalid access token.";
  d.api = engine::ApiFailure{403, "403", "Invalid access token.", "", 1};
  EXPECT_EQ(originalApiMessage(d, true), "Invalid access token.");
  d.summary = "no credentials";
  d.api.reset();
  EXPECT_EQ(originalApiMessage(d, true), "no credentials");
}

}  // namespace
}  // namespace cc::cli
