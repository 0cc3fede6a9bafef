#pragma once
// Which connection options hold credentials when no connector spec says so: a tested name
// heuristic, and a check for values that look like well-known token formats.

#include <string>
#include <string_view>

namespace cc::engine {

/// True for option names that read like credentials. Names are split into lower-case words
/// (on `_`, `-`, `.`, spaces and camelCase), so `privateKey`, `x-api-key`, `db_pass`, `PWD`
/// and `service_account_json` all count. A name whose last word says it is not the secret
/// itself (`token_endpoint`, `auth_type`, `private_key_algorithm`, `api_version`) does not,
/// nor does a key qualified as a data key (`primary_key`, `partition_key`).
bool isCredentialName(std::string_view name);

/// True for values in a well-known credential format (GitHub, GitLab, Slack, Stripe, AWS,
/// Databricks and Google keys, JWTs, PEM private keys, `Bearer …`), so that a literal one
/// written in a manifest is masked and warned about whatever its option is called.
bool looksLikeCredentialValue(std::string_view value);

}  // namespace cc::engine
