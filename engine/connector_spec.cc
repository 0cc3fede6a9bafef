#include "engine/connector_spec.h"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>


namespace cc::engine {
namespace {

using nlohmann::json;

const std::set<std::string> kOAuthOptionKeys = {
    "community_oauth_flow", "client_id",          "client_secret",      "oauth_scope",
    "token_endpoint",       "authorization_endpoint", "authorization_code", "pkce_verifier",
    "oauth_redirect_uri",   "oauth_provider",     "oauth_credential_exchange_method",
    "expires_in_secs"};
const std::set<std::string> kOAuthManaged = {"access_token", "refresh_token"};

bool truthy(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  if (v.is_number()) return v.get<double>() != 0;
  return !v.is_null() && !v.empty();
}

std::string text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

std::vector<ConnectorParameter> parseParameters(const json& list) {
  std::vector<ConnectorParameter> out;
  if (!list.is_array()) return out;  // null or absent: no parameters
  for (const auto& entry : list) {
    if (!entry.is_object()) continue;
    auto name = entry.find("name");
    if (name == entry.end() || !truthy(*name)) continue;
    ConnectorParameter p;
    p.name = text(*name);
    if (auto it = entry.find("required"); it != entry.end()) p.required = truthy(*it);
    if (auto it = entry.find("secret"); it != entry.end()) p.secret = truthy(*it);
    if (auto it = entry.find("description"); it != entry.end()) p.description = text(*it);
    out.push_back(std::move(p));
  }
  return out;
}

std::set<std::string> names(const std::vector<ConnectorParameter>& params, bool required) {
  std::set<std::string> out;
  for (const auto& p : params)
    if (p.required == required) out.insert(p.name);
  return out;
}

std::string joinSorted(const std::set<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

std::vector<std::string> splitList(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(start, comma - start);
    const auto b = item.find_first_not_of(" \t\r\n");
    const auto e = item.find_last_not_of(" \t\r\n");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::set<std::string> AuthMethod::requiredNames() const { return names(parameters, true); }
std::set<std::string> AuthMethod::optionalNames() const { return names(parameters, false); }
std::set<std::string> ConnectorSpec::requiredNames() const { return names(parameters, true); }
std::set<std::string> ConnectorSpec::optionalNames() const { return names(parameters, false); }

std::set<std::string> ConnectorSpec::allKnownParameters() const {
  std::set<std::string> out;
  for (const auto& p : parameters) out.insert(p.name);
  for (const auto& m : authMethods)
    for (const auto& p : m.parameters) out.insert(p.name);
  return out;
}

std::set<std::string> ConnectorSpec::secretParameters() const {
  std::set<std::string> out;
  for (const auto& p : parameters)
    if (p.secret) out.insert(p.name);
  for (const auto& m : authMethods)
    for (const auto& p : m.parameters)
      if (p.secret) out.insert(p.name);
  return out;
}

namespace {

// Scalars as the original reads them into option values; mappings and lists are left out.
std::optional<std::string> scalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

OAuthSettings parseOAuthSettings(const json& block) {
  static const std::map<std::string, std::string> kRenames = {
      {"authorization_url", "authorization_endpoint"}, {"token_url", "token_endpoint"}, {"scopes", "oauth_scope"}};
  OAuthSettings o;
  for (const auto& [key, value] : block.items()) {
    if (key == "flow") {
      if (value.is_string()) o.flow = value.get<std::string>();
    } else if (key == "pkce") {
      if (value.is_boolean()) o.pkce = value.get<bool>();
    } else if (key == "extra_auth_params") {
      if (value.is_object())
        for (const auto& [k, v] : value.items())
          if (auto t = scalarText(v)) o.extraAuthParams[k] = *t;
    } else if (auto t = scalarText(value)) {
      auto renamed = kRenames.find(key);
      o.values[renamed == kRenames.end() ? key : renamed->second] = *t;
    }
  }
  return o;
}

}  // namespace

Result<ConnectorSpec> parseConnectorSpec(const json& document) {
  if (!document.is_object())
    return Result<ConnectorSpec>::failure("a connector spec must be a mapping with a 'connection' key");
  ConnectorSpec spec;
  if (auto it = document.find("display_name"); it != document.end()) spec.displayName = text(*it);
  if (auto it = document.find("external_options_allowlist"); it != document.end())
    spec.externalOptionsAllowlist = text(*it);
  auto conn = document.find("connection");
  if (conn == document.end() || !conn->is_object()) return spec;
  spec.hasOAuth = conn->contains("oauth") && (*conn)["oauth"].is_object();
  if (spec.hasOAuth) spec.oauth = parseOAuthSettings((*conn)["oauth"]);
  const json kNull;
  auto listAt = [&](const char* key) -> const json& {
    auto it = conn->find(key);
    return it == conn->end() ? kNull : *it;
  };
  const json& methods = listAt("auth_methods");
  if (methods.is_array() && !methods.empty()) {
    for (const auto& entry : methods) {
      if (!entry.is_object()) continue;
      AuthMethod m;
      if (auto it = entry.find("name"); it != entry.end()) m.name = text(*it);
      if (auto it = entry.find("description"); it != entry.end()) m.description = text(*it);
      if (auto it = entry.find("parameters"); it != entry.end()) m.parameters = parseParameters(*it);
      spec.authMethods.push_back(std::move(m));
    }
    // Base specs share parameters under `common_parameters`, HEAD under `parameters`: both.
    spec.parameters = parseParameters(listAt("common_parameters"));
    for (auto& p : parseParameters(listAt("parameters"))) spec.parameters.push_back(std::move(p));
  } else {
    spec.parameters = parseParameters(listAt("parameters"));
  }
  return spec;
}

const std::string& constantExternalOptionsAllowlist() {
  static const std::string kList = "tableName,tableNameList,tableConfigs,isDeleteFlow";
  return kList;
}

std::string mergeExternalOptionsAllowlist(const std::string& fromSpec, const std::string& constant) {
  std::set<std::string> items;  // std::set<std::string> orders by byte value, like Python's sorted
  for (auto& item : splitList(fromSpec)) items.insert(std::move(item));
  for (auto& item : splitList(constant)) items.insert(std::move(item));
  return joinSorted(items, ",");
}

const std::set<std::string>& alwaysKnownOptionKeys() {
  static const std::set<std::string> kKeys = {"externalOptionsAllowList", "sourceName"};
  return kKeys;
}

std::optional<std::string> detectAuthMethod(const ConnectorSpec& spec, const std::set<std::string>& provided) {
  std::optional<std::string> best;
  long bestScore = -1;  // HEAD: a method with zero overlap is still detectable
  for (const auto& m : spec.authMethods) {
    const auto required = m.requiredNames();
    if (!minus(required, provided).empty()) continue;
    long score = 0;
    for (const auto& p : m.parameters) score += provided.count(p.name) ? 1 : 0;
    if (score > bestScore) {
      bestScore = score;
      best = m.name;
    }
  }
  return best;
}

ConnectionOptionsCheck validateConnectionOptions(const ConnectorSpec& spec,
                                                 const std::set<std::string>& provided,
                                                 const std::string& source) {
  ConnectionOptionsCheck out;
  std::set<std::string> known = alwaysKnownOptionKeys();
  std::set<std::string> exempt;
  if (provided.count("community_oauth_flow")) {
    known.insert(kOAuthOptionKeys.begin(), kOAuthOptionKeys.end());
    exempt = kOAuthOptionKeys;
    exempt.insert(kOAuthManaged.begin(), kOAuthManaged.end());
  }
  const std::set<std::string> all = spec.allKnownParameters();
  const std::string knownList = joinSorted(all);
  auto unknownCheck = [&] {
    std::set<std::string> unknown = minus(minus(provided, all), known);
    if (!unknown.empty())
      out.errors.push_back("Unknown connection parameters for '" + source + "': " + joinSorted(unknown) +
                           ". Known parameters are: " + knownList);
  };
  if (!spec.hasAuthMethods()) {
    auto missing = minus(minus(spec.requiredNames(), provided), exempt);
    if (!missing.empty()) out.errors.push_back("Missing required connection parameters: " + joinSorted(missing));
    unknownCheck();
    return out;
  }
  auto missingCommon = minus(minus(spec.requiredNames(), provided), exempt);
  if (!missingCommon.empty())
    out.errors.push_back("Missing required common parameters: " + joinSorted(missingCommon));
  std::set<std::string> effective = provided;
  effective.insert(exempt.begin(), exempt.end());
  out.detectedAuthMethod = detectAuthMethod(spec, effective);
  if (!out.detectedAuthMethod) {
    std::string message =
        "No valid authentication method detected. Please provide all required parameters for ONE of "
        "the following:";
    for (const auto& m : spec.authMethods)
      message += "\n  - " + m.name + ": requires (" + joinSorted(m.requiredNames()) + ")";
    out.errors.push_back(std::move(message));
  }
  unknownCheck();
  return out;
}

}  // namespace cc::engine
