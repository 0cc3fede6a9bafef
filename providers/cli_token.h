#pragma once
// Tokens from a signed-in command-line tool, as the Databricks SDKs take them:
//   databricks auth token --host HOST   → {"access_token", "token_type", "expiry": RFC 3339}
//   az account get-access-token --resource <Azure Databricks app> --output json
//                                       → {"accessToken", "tokenType", "expires_on": epoch seconds,
//                                          "expiresOn": "YYYY-MM-DD HH:MM:SS[.ffffff]" local time}
// The helper is run when a token is first needed and again shortly before it expires.

#include <memory>
#include <optional>
#include <string>

#include "providers/cached_token_source.h"

namespace cc::providers {

/// Seconds since the epoch of an RFC 3339 time ("2026-12-06T10:00:00.123Z", "…+01:00").
std::optional<long long> parseRfc3339(const std::string& text);

/// The token in `databricks auth token`'s JSON; lifetime from `expiry` and `nowEpochSeconds`.
ApiResult<FetchedToken> parseDatabricksCliToken(const std::string& json, long long nowEpochSeconds);
/// The token in `az account get-access-token`'s JSON (expires_on preferred over expiresOn).
ApiResult<FetchedToken> parseAzureCliToken(const std::string& json, long long nowEpochSeconds);

std::unique_ptr<TokenSource> makeDatabricksCliTokenSource(const std::string& cliPath, const std::string& host,
                                                          const TokenSourceContext& context);
std::unique_ptr<TokenSource> makeAzureCliTokenSource(const std::string& azPath, const TokenSourceContext& context);

}  // namespace cc::providers
