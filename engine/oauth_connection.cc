#include "engine/oauth_connection.h"

#include <cctype>
#include <set>

#include "engine/ascii_case.h"

namespace cc::engine {
namespace {

// Fills "{name}" from `user`; names that are missing or empty go to `missing`.
std::string fillPlaceholders(const std::string& value, const std::map<std::string, std::string>& user,
                             std::set<std::string>& missing) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto close = value[i] == '{' ? value.find('}', i + 1) : std::string::npos;
    if (close == std::string::npos) {
      out += value[i];
      continue;
    }
    const std::string name = value.substr(i + 1, close - i - 1);
    auto it = user.find(name);
    if (it == user.end() || it->second.empty()) missing.insert(name);
    else out += it->second;
    i = close;
  }
  return out;
}

std::vector<std::string> requiredFor(ConnectionAuthMode mode) {
  std::vector<std::string> required = {"client_id", "client_secret", "token_endpoint"};
  if (mode != ConnectionAuthMode::M2M) required.push_back("authorization_endpoint");
  return required;
}

void requireOptions(ConnectionAuthMode mode, const std::map<std::string, std::string>& user,
                    const OAuthConnectionOptions& out, Diagnostics& d) {
  for (const auto& key : requiredFor(mode)) {
    auto given = user.find(key);
    auto added = out.added.find(key);
    const bool set = (given != user.end() && !given->second.empty()) || (added != out.added.end() && !added->second.empty());
    if (!set)
      d.error(std::string("auth type ") + authModeName(mode) + " needs the option " + key, std::nullopt,
              "pass it with -o '{\"" + key + "\": \"…\"}', or use a connector spec whose oauth block gives it");
  }
}

}  // namespace

const char* authModeName(ConnectionAuthMode mode) {
  switch (mode) {
    case ConnectionAuthMode::Static: return "static";
    case ConnectionAuthMode::M2M: return "m2m";
    case ConnectionAuthMode::U2M: return "u2m";
    case ConnectionAuthMode::U2MPerUser: return "u2m_per_user";
  }
  return "static";
}

Result<ConnectionAuthMode> parseAuthMode(const std::string& text) {
  const std::string lower = lowerAscii(text);
  for (auto mode : {ConnectionAuthMode::Static, ConnectionAuthMode::M2M, ConnectionAuthMode::U2M,
                    ConnectionAuthMode::U2MPerUser})
    if (lower == authModeName(mode)) return mode;
  return Result<ConnectionAuthMode>::failure("auth type '" + text + "' is not one of static, m2m, u2m, u2m_per_user",
                                             std::nullopt, "pass --auth-type static, m2m, u2m or u2m_per_user");
}

Result<OAuthConnectionOptions> prepareOAuthConnectionOptions(ConnectionAuthMode mode, const OAuthSettings& spec,
                                                             const std::map<std::string, std::string>& user) {
  OAuthConnectionOptions out;
  out.mode = mode;
  Diagnostics d;
  if (mode == ConnectionAuthMode::Static) {
    if (user.count("community_oauth_flow"))
      d.error("community_oauth_flow cannot be given with auth type static", std::nullopt,
              "remove it from -o, or pass --auth-type m2m, u2m or u2m_per_user");
    if (!d.empty()) return d;
    return out;
  }
  std::set<std::string> missing;
  for (const auto& [key, value] : spec.values) {
    if (user.count(key)) continue;  // the user's value wins, as given
    out.added[key] = fillPlaceholders(value, user, missing);
    out.defaultsAdded.push_back(key);
  }
  for (const auto& [key, value] : spec.extraAuthParams) out.extraAuthParams[key] = fillPlaceholders(value, user, missing);
  for (const auto& name : missing)
    d.error("the connector spec's OAuth settings use {" + name + "}, but the option " + name + " is not given",
            std::nullopt, "pass it with -o '{\"" + name + "\": \"…\"}'");
  out.added["community_oauth_flow"] = authModeName(mode);
  out.pkce = spec.pkce.value_or(true);
  requireOptions(mode, user, out, d);
  if (!d.empty()) return d;
  return out;
}

}  // namespace cc::engine
