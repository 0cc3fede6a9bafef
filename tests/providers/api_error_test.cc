#include "providers/api_error.h"

#include <gtest/gtest.h>

namespace cc::providers {
namespace {

TEST(ApiError, ErrorCodeWinsOverStatus) {
  auto e = parseApiError(400, "Bad Request", R"({"error_code":"RESOURCE_ALREADY_EXISTS","message":"Path (/x) already exists."})",
                         "", "POST", "/api/2.0/workspace/import");
  EXPECT_EQ(e.kind, ApiErrorKind::AlreadyExists);
  e = parseApiError(400, "Bad Request", R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"gone"})", "", "GET", "/p");
  EXPECT_TRUE(e.isNotFound());
  e = parseApiError(409, "Conflict", R"({"error_code":"RESOURCE_CONFLICT","message":"busy"})", "", "POST", "/p");
  EXPECT_EQ(e.kind, ApiErrorKind::Conflict);
}

TEST(ApiError, ServerTextCannotDriveTheTerminal) {
  // Escape sequences and carriage returns become spaces; the line breaks of a long message stay.
  auto e = parseApiError(400, "Bad Request", R"({"error_code":"BAD\u001b[2J","message":"no\u001b[31m red\r\nsecond line"})",
                         "", "GET", "/p");
  EXPECT_EQ(e.message, "no [31m red \nsecond line");
  EXPECT_EQ(e.errorCode, "BAD [2J");
  // A message of another type is no message, not an exception.
  e = parseApiError(400, "Bad Request", R"({"error_code":"INVALID_PARAMETER_VALUE","message":{"nested":1}})", "", "GET", "/p");
  EXPECT_EQ(e.kind, ApiErrorKind::BadRequest);
  EXPECT_EQ(e.message, "");
}

TEST(ApiError, NumericAuthCodesAndHints) {
  auto e = parseApiError(401, "Unauthorized",
                         R"({"error_code":401,"message":"Credential was not sent or was of an unsupported type for this API. [ReqId: abc-123]"})",
                         "", "GET", "/api/2.0/preview/scim/v2/Me");
  EXPECT_EQ(e.kind, ApiErrorKind::Unauthenticated);
  EXPECT_EQ(e.errorCode, "401");
  EXPECT_EQ(e.requestId, "abc-123");
  EXPECT_EQ(e.message, "Credential was not sent or was of an unsupported type for this API.");
  EXPECT_NE(e.hint().find("check DATABRICKS_TOKEN or the profile's token"), std::string::npos);
  EXPECT_EQ(e.oneLine(),
            "GET /api/2.0/preview/scim/v2/Me: 401: Credential was not sent or was of an unsupported type for this API. "
            "(request id abc-123)");
  e = parseApiError(403, "Forbidden", R"({"error_code":403,"message":"Invalid access token."})", "r9", "GET", "/x");
  EXPECT_EQ(e.kind, ApiErrorKind::PermissionDenied);
  EXPECT_NE(e.hint().find("invalid or expired"), std::string::npos);
}

TEST(ApiError, OtherBodyShapes) {
  auto e = parseApiError(502, "Bad Gateway", "<html><pre>upstream died</pre></html>", "", "GET", "/x");
  EXPECT_EQ(e.errorCode, "BAD_GATEWAY");
  EXPECT_EQ(e.message, "upstream died");
  EXPECT_EQ(e.kind, ApiErrorKind::ServerError);
  EXPECT_TRUE(e.outcomeUnknown());
  e = parseApiError(500, "Internal Server Error", "", "", "GET", "/x");
  EXPECT_EQ(e.message, "Internal Server Error");
  e = parseApiError(400, "Bad Request", "INVALID_STATE: not now", "", "GET", "/x");
  EXPECT_EQ(e.errorCode, "INVALID_STATE");
  EXPECT_EQ(e.message, "not now");
  e = parseApiError(404, "Not Found", R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User not found","status":"404","scimType":"invalidValue"})",
                    "", "GET", "/scim");
  EXPECT_EQ(e.errorCode, "SCIM_404");
  EXPECT_EQ(e.message, "invalidValue User not found");
  EXPECT_TRUE(e.isNotFound());
}

TEST(ApiError, DuplicatePipelineNameIsAlreadyExists) {
  auto e = parseApiError(400, "Bad Request",
                         R"({"error_code":"INVALID_PARAMETER_VALUE","message":"The pipeline name 'p' is already used by another pipeline."})",
                         "", "POST", "/api/2.0/pipelines");
  EXPECT_TRUE(e.isAlreadyExists());
}

TEST(ApiError, DiagnosticCarriesSummaryHintAndResource) {
  auto e = localError(ApiErrorKind::Refused, "refusing plain http to non-loopback host 'example.com'");
  auto d = e.toDiagnostic("connection c");
  EXPECT_EQ(d.resource, "connection c");
  EXPECT_NE(d.summary.find("refusing plain http"), std::string::npos);
  EXPECT_NE(d.detail.find("https://"), std::string::npos);
}

TEST(ApiError, DiagnosticKeepsTheAnswerAsData) {
  auto e = parseApiError(404, "Not Found",
                         R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Pipeline 'x: 500 y' does not exist [ReqId: r-9]"})",
                         "", "GET", "/api/2.0/pipelines/x");
  e.attempts = 2;
  auto d = e.toDiagnostic();
  ASSERT_TRUE(d.api.has_value());
  EXPECT_EQ(d.api->status, 404);
  EXPECT_EQ(d.api->errorCode, "RESOURCE_DOES_NOT_EXIST");
  // A message that looks like another status line is kept whole, not parsed.
  EXPECT_EQ(d.api->message, "Pipeline 'x: 500 y' does not exist");
  EXPECT_EQ(d.api->requestId, "r-9");
  EXPECT_EQ(d.api->attempts, 2);
  EXPECT_TRUE(d.api->isNotFound());
  // No answer, no API failure: a connection error stays a plain diagnostic.
  EXPECT_FALSE(localError(ApiErrorKind::Transport, "connection refused").toDiagnostic().api.has_value());
}

}  // namespace
}  // namespace cc::providers
