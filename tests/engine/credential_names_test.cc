// The name heuristic and the value formats that make a connection option sensitive when no
// connector spec says so.
#include "engine/credential_names.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

TEST(CredentialNames, NamesThatHoldCredentials) {
  // The names the security review found shown in clear, then names spec files mark secret.
  for (const char* n : {"passphrase", "pwd", "PWD", "db_pass", "privateKey", "x-api-key", "api-key", "encryption_key",
                        "client_key", "service_account_json", "keyfile_json", "connection_string", "connectionString",
                        "dsn", "authorization", "Authorization", "bearer", "pat", "cookie", "token", "api_token",
                        "client_secret", "PASSWORD", "private_key", "apiKey", "access_token", "refresh_token",
                        "personal_access_token", "federated_token", "credentials_json", "secret_key", "api_secret",
                        "private_key_pem", "AWS_SECRET_ACCESS_KEY", "sas_token", "auth", "key"})
    EXPECT_TRUE(isCredentialName(n)) << n;
}

TEST(CredentialNames, NamesAboutCredentialsOrDataAreNot) {
  for (const char* n : {"base_url", "token_endpoint", "token_url", "authorization_endpoint", "auth_type", "auth_mode",
                        "private_key_algorithm", "api_version", "region", "owner", "client_id", "username", "email",
                        "hostname", "primary_key", "partition_key", "primary_keys", "sort_key", "federated_token_file",
                        "oauth_scope", "tableName", "sourceName", "externalOptionsAllowList", "", "-"})
    EXPECT_FALSE(isCredentialName(n)) << n;
}

TEST(CredentialNames, ValuesInWellKnownCredentialFormats) {
  for (const char* v : {"ghp_0123456789abcdefghijklmnopqrstuvwxyz", "github_pat_11AAAAAAA0aaaaaaaaaaaa",
                        "glpat-abcdefghijklmnopqrst", "xoxb-1234567890-abcdefghij", "sk_live_abcdefghijklmnop",
                        "AKIAIOSFODNN7EXAMPLE", "dapi0123456789abcdef0123456789abcdef",
                        "AIzaSyA-0123456789abcdefghijklmnopqrstu", "-----BEGIN PRIVATE KEY-----\nMIIE",
                        "Bearer abcdefghijklmnop",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"})
    EXPECT_TRUE(looksLikeCredentialValue(v)) << v;
  for (const char* v : {"https://api.github.com", "main", "issues", "sk-", "AKIA", "dapi-emulator-token", "Bearer x",
                        "eyJ", "tableName,tableNameList"})
    EXPECT_FALSE(looksLikeCredentialValue(v)) << v;
}

}  // namespace
}  // namespace cc::engine
