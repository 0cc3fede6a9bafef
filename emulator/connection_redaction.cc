#include "emulator/connection_redaction.h"

#include <algorithm>

namespace cc::emulator {

bool isSensitiveOption(const std::string& connectionType, const std::string& key,
                       const std::vector<std::string>& extra) {
  static const std::vector<std::string> kAlwaysSensitive = {
      "user",          "password",        "personalAccessToken", "access_token",
      "client_secret", "pem_private_key", "OAuthPvtKey",         "GoogleServiceAccountKeyJson"};
  auto listed = [&key](const std::vector<std::string>& keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  if (listed(kAlwaysSensitive) || listed(extra)) return true;
  if (connectionType == "GENERIC_LAKEFLOW_CONNECT") {
    return key != "sourceName" && key != "externalOptionsAllowList";
  }
  return false;
}

}  // namespace cc::emulator
