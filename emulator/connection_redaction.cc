#include "emulator/connection_redaction.h"

#include <algorithm>

namespace cc::emulator {

namespace {

bool listedIn(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

bool isSensitiveOption(const std::string& connectionType, const std::string& key,
                       const std::vector<std::string>& extra) {
  // Terraform's list of keys the API never returns, plus the OAuth grant material a COMMUNITY
  // connection carries (original tool §7.5: UC performs the token exchange from these).
  static const std::vector<std::string> kAlwaysSensitive = {
      "user",          "password",        "personalAccessToken", "access_token",
      "client_secret", "pem_private_key", "OAuthPvtKey",         "GoogleServiceAccountKeyJson",
      "refresh_token", "authorization_code", "pkce_verifier"};
  // What a community connection shows: its source, allow-list and the OAuth settings that are
  // configuration rather than credentials. Every other key may be a credential of the source.
  static const std::vector<std::string> kCommunityVisible = {
      "sourceName",         "externalOptionsAllowList", "community_oauth_flow",  "client_id",
      "oauth_scope",        "token_endpoint",           "authorization_endpoint", "oauth_redirect_uri",
      "oauth_provider",     "oauth_credential_exchange_method", "expires_in_secs"};
  if (listedIn(kAlwaysSensitive, key) || listedIn(extra, key)) return true;
  if (connectionType == "GENERIC_LAKEFLOW_CONNECT") {
    return key != "sourceName" && key != "externalOptionsAllowList";
  }
  if (connectionType == "COMMUNITY") return !listedIn(kCommunityVisible, key);
  return false;
}

}  // namespace cc::emulator
