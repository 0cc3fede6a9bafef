#include "engine/manifest_connection_auth.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/json_fields.h"
#include "engine/model.h"

namespace cc::engine {
namespace {

using nlohmann::json;

// Options the tool sets itself: from auth.type, or from the browser flow of `apply --authorize`.
const std::vector<std::string> kToolSetOptions = {"community_oauth_flow", "authorization_code", "pkce_verifier",
                                                  "oauth_redirect_uri"};
const std::vector<std::string> kFlowControls = {"pkce", "extra_auth_params", "redirect_port"};

std::string authPointer(const std::string& connection, std::initializer_list<std::string> rest) {
  std::string out = "/connections/" + escapePointerToken(connection);
  for (const auto& t : rest) {
    out += '/';
    out += escapePointerToken(t);
  }
  return out;
}

bool listed(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// auth.type, else the connector spec's oauth.flow (as --auth-type falls back to it), else static.
std::optional<ConnectionAuthMode> modeOf(const std::string& name, const json& auth, const ConnectorSpec* spec,
                                         const SourceMap& sources, Diagnostics& diags) {
  if (const std::string* type = findString(auth, "type")) {
    auto mode = parseAuthMode(*type);
    if (mode) return *mode;
    diags.error("connection '" + name + "': auth type '" + *type + "' is not one of static, m2m, u2m, u2m_per_user",
                sources.find(authPointer(name, {"auth", "type"})), "write auth.type: static, m2m, u2m or u2m_per_user");
    return std::nullopt;
  }
  if (spec && spec->oauth.flow)
    if (auto mode = parseAuthMode(*spec->oauth.flow)) return *mode;
  return ConnectionAuthMode::Static;
}

// The option keys the auth block owns may not be written under options as well.
void checkOptionOverlap(const std::string& name, ConnectionAuthMode mode, const json& conn, const json& auth,
                        const SourceMap& sources, Diagnostics& diags) {
  const json* options = findMember(conn, "options");
  if (!options || !options->is_object()) return;
  for (const auto& [key, value] : options->items()) {
    const auto where = sources.findKey(authPointer(name, {"options", key}));
    if (auth.contains(key) && listed(authStoredKeys(), key))
      diags.error("connection '" + name + "': option " + key + " is given under both options and auth", where,
                  "keep it under auth only");
    else if (key == "community_oauth_flow")
      diags.error("connection '" + name + "': option community_oauth_flow is set from auth.type", where,
                  "remove it from options");
    else if (listed(kToolSetOptions, key))
      diags.error("connection '" + name + "': option " + key + " is grant material, which only the browser flow gives",
                  where, needsGrant(mode) ? "remove it from options; run `community-connector apply --authorize " + name + "`"
                                          : std::string("remove it from options (auth type ") + authModeName(mode) +
                                                " uses no grant)");
  }
}

std::map<std::string, std::string> givenOptions(const json& conn, const json& auth) {
  std::map<std::string, std::string> user;
  if (const json* options = findMember(conn, "options"); options && options->is_object())
    for (const auto& [key, value] : options->items())
      if (value.is_string()) user[key] = value.get<std::string>();
  for (const auto& key : authStoredKeys())
    if (const std::string* v = findString(auth, key)) user[key] = *v;
  return user;
}

// Static means the source's own credentials: an OAuth setting beside it is a mistake.
void checkStatic(const std::string& name, const json& auth, const SourceMap& sources, Diagnostics& diags) {
  for (const auto& [key, value] : auth.items()) {
    if (key == "type") continue;
    diags.error("connection '" + name + "': auth type static takes no OAuth settings, but " + key + " is given",
                sources.findKey(authPointer(name, {"auth", key})),
                "remove it, or set auth.type to m2m, u2m or u2m_per_user");
  }
}

void resolveFlowControls(const std::string& name, const json& auth, ConnectionAuth& out, const SourceMap& sources,
                         Diagnostics& diags) {
  if (const json* pkce = findMember(auth, "pkce"); pkce && pkce->is_boolean()) out.pkce = pkce->get<bool>();
  if (const json* extra = findMember(auth, "extra_auth_params"); extra && extra->is_object())
    for (const auto& [k, v] : extra->items())
      if (v.is_string()) out.extraAuthParams[k] = v.get<std::string>();
  if (const json* port = findMember(auth, "redirect_port"); port && port->is_number_integer())
    out.redirectPort = static_cast<std::uint16_t>(std::clamp<std::int64_t>(port->get<std::int64_t>(), 0, 65535));
  if (needsGrant(out.mode)) return;
  for (const auto& key : kFlowControls)
    if (auth.contains(key))
      diags.warning("connection '" + name + "': auth." + key + " is used only by the u2m browser flow; m2m ignores it",
                    sources.findKey(authPointer(name, {"auth", key})), "remove it, or set auth.type to u2m");
}

void checkOne(const std::string& name, const json& conn, const json& auth, const ConnectorSpec* spec,
              const SourceMap& sources, Diagnostics& diags, std::map<std::string, ConnectionAuth>& resolved) {
  const auto mode = modeOf(name, auth, spec, sources, diags);
  if (!mode) return;
  if (*mode == ConnectionAuthMode::Static) {
    checkStatic(name, auth, sources, diags);
    resolved[name] = ConnectionAuth{};
    return;
  }
  if (const std::string* type = findString(conn, "type"); type && *type != kCommunityConnectionType)
    diags.error("connection '" + name + "': auth type " + authModeName(*mode) + " needs a COMMUNITY connection, but type is " +
                    *type,
                sources.find(authPointer(name, {"type"})), "remove type (an OAuth auth makes it COMMUNITY), or set type: COMMUNITY");
  checkOptionOverlap(name, *mode, conn, auth, sources, diags);
  const OAuthSettings none;
  auto prepared = prepareOAuthConnectionOptions(*mode, spec ? spec->oauth : none, givenOptions(conn, auth));
  if (!prepared) {
    for (auto d : prepared.diagnostics().items()) {
      d.summary = "connection '" + name + "': " + d.summary;
      d.detail = "write it under auth (or give a connector spec whose oauth block has it)";
      d.range = sources.findKey(authPointer(name, {"auth"}));
      diags.add(std::move(d));
    }
    return;
  }
  ConnectionAuth out;
  out.mode = *mode;
  out.added = prepared->added;
  out.pkce = prepared->pkce;
  out.extraAuthParams = prepared->extraAuthParams;
  resolveFlowControls(name, auth, out, sources, diags);
  resolved[name] = std::move(out);
}

// A spec value's `{param}` filled from a sensitive option would put the secret into a visible
// option (or the authorization URL): refused, naming the option.
bool checkSecretPlaceholders(const std::string& name, const json& conn, const ConnectorSpec& spec,
                             const std::map<std::string, Secret>& secrets, const SourceMap& sources, Diagnostics& diags) {
  std::vector<std::string> values;
  for (const auto& [key, value] : spec.oauth.values) values.push_back(value);
  for (const auto& [key, value] : spec.oauth.extraAuthParams) values.push_back(value);
  bool ok = true;
  for (const auto& [key, value] : memberOrEmpty(conn, "options").items()) {
    const std::string pointer = authPointer(name, {"options", key});
    if (!secrets.count(pointer)) continue;
    const std::string placeholder = "{" + key + "}";
    if (std::none_of(values.begin(), values.end(), [&](const std::string& v) { return v.find(placeholder) != std::string::npos; }))
      continue;
    diags.error("connection '" + name + "': the connector spec's OAuth settings use " + placeholder +
                    ", but option " + key + " is sensitive and would be shown in them",
                sources.findKey(pointer), "give " + key + " without ${env.*}, or write the OAuth setting under auth");
    ok = false;
  }
  return ok;
}

}  // namespace

const std::vector<std::string>& authStoredKeys() {
  static const std::vector<std::string> keys = {"client_id",      "client_secret",   "token_endpoint",
                                                "authorization_endpoint", "oauth_scope", "oauth_provider",
                                                "oauth_credential_exchange_method", "expires_in_secs"};
  return keys;
}

bool needsGrant(ConnectionAuthMode mode) {
  return mode == ConnectionAuthMode::U2M || mode == ConnectionAuthMode::U2MPerUser;
}

void checkConnectionAuth(const json& doc, const SourceMap& sources, const std::map<std::string, ConnectorSpec>& specs,
                         const std::map<std::string, Secret>& secrets, Diagnostics& diags,
                         std::map<std::string, ConnectionAuth>& resolved) {
  const json* connections = findMember(doc, "connections");
  if (!connections || !connections->is_object()) return;
  for (const auto& [name, conn] : connections->items()) {
    const json* auth = findMember(conn, "auth");
    if (!auth || !auth->is_object()) continue;
    auto spec = specs.find(name);
    const ConnectorSpec* loaded = spec == specs.end() ? nullptr : &spec->second;
    if (loaded && !checkSecretPlaceholders(name, conn, *loaded, secrets, sources, diags)) continue;
    checkOne(name, conn, *auth, loaded, sources, diags, resolved);
  }
}

json authFlowInputs(const ConnectionAuth& auth) {
  json extra = json::object();
  for (const auto& [k, v] : auth.extraAuthParams) extra[k] = v;
  return json{{"type", authModeName(auth.mode)},
              {"pkce", auth.pkce},
              {"extra_auth_params", std::move(extra)},
              {"redirect_port", auth.redirectPort}};
}

}  // namespace cc::engine
