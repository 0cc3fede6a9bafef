#include "cli/original/connection_auth.h"

#include <algorithm>
#include <map>

#include "providers/browser.h"
#include "providers/oauth_u2m.h"

namespace cc::cli {
namespace {

std::map<std::string, std::string> asMap(const nlohmann::ordered_json& options) {
  std::map<std::string, std::string> m;
  for (const auto& item : options.items())
    if (item.value().is_string()) m[item.key()] = item.value().get<std::string>();
  return m;
}

std::string valueOr(const nlohmann::ordered_json& options, const char* key) {
  auto it = options.find(key);
  return it != options.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The browser flow of u2m: the URL goes to the terminal (and a browser when there is a desktop);
// the code the IdP sends back is stored for Unity Catalog to redeem.
std::optional<int> authorizeInBrowser(const OriginalContext& ctx, const engine::OAuthConnectionOptions& prepared,
                                      nlohmann::ordered_json& options) {
  providers::U2mSettings settings;
  settings.authorizationEndpoint = valueOr(options, "authorization_endpoint");
  settings.clientId = valueOr(options, "client_id");
  settings.scope = valueOr(options, "oauth_scope");
  settings.pkce = prepared.pkce;
  for (const auto& [k, v] : prepared.extraAuthParams) settings.extraAuthParams.emplace_back(k, v);
  if (auto port = ctx.args.value("redirect_port")) {
    const long n = std::strtol(port->c_str(), nullptr, 10);
    if (n < 0 || n > 65535 || std::to_string(n) != *port)
      return ctx.fail("--redirect-port must be a port number (0 to 65535), not '" + *port + "'");
    settings.redirectPort = static_cast<std::uint16_t>(n);
  }
  auto grant = providers::runU2mAuthorization(settings, [&ctx](const std::string& url) {
    ctx.console.err << "Open this URL in a browser to authorize the connection:\n  " << url << "\n" << std::flush;
    providers::openInBrowser(url);
  });
  if (!grant) return ctx.fail("Authorization failed: " + grant.diagnostics().items().front().summary);
  for (const auto& w : grant->warnings.items()) ctx.console.err << "Warning: " << w.summary << "\n";
  options["authorization_code"] = grant->authorizationCode.revealForRequest();
  options["oauth_redirect_uri"] = grant->redirectUri;
  if (grant->pkceVerifier) options["pkce_verifier"] = grant->pkceVerifier->revealForRequest();
  ctx.console.out << "Authorization received.\n";
  return std::nullopt;
}

// "Error: " with every problem, then how to fix each (the diagnostics' details), once each.
int failWithFix(const OriginalContext& ctx, const engine::Diagnostics& problems) {
  std::string message;
  std::vector<std::string> fixes;
  for (const auto& d : problems.items()) {
    message += (message.empty() ? "" : "\n") + d.summary;
    if (!d.detail.empty() && std::find(fixes.begin(), fixes.end(), d.detail) == fixes.end()) fixes.push_back(d.detail);
  }
  const int code = ctx.fail(message);
  for (const auto& fix : fixes) ctx.console.err << "  " << fix << "\n";
  return code;
}

}  // namespace

std::optional<engine::ConnectionAuthMode> connectionAuthMode(const OriginalContext& ctx, int& exitCode,
                                                             const engine::OAuthSettings* specOAuth) {
  auto flag = ctx.args.value("auth_type");
  if (!flag && specOAuth != nullptr && specOAuth->flow) flag = *specOAuth->flow;
  if (!flag) return engine::ConnectionAuthMode::Static;
  auto mode = engine::parseAuthMode(*flag);
  if (!mode) {
    exitCode = failWithFix(ctx, mode.diagnostics());
    return std::nullopt;
  }
  return *mode;
}

std::optional<int> addOAuthOptions(const OriginalContext& ctx, engine::ConnectionAuthMode mode,
                                   const std::optional<engine::ConnectorSpec>& spec, nlohmann::ordered_json& options) {
  const engine::OAuthSettings none;
  auto prepared = engine::prepareOAuthConnectionOptions(mode, spec ? spec->oauth : none, asMap(options));
  if (!prepared) return failWithFix(ctx, prepared.diagnostics());
  if (!prepared->defaultsAdded.empty()) {
    std::string keys;
    for (const auto& k : prepared->defaultsAdded) keys += (keys.empty() ? "" : ", ") + k;
    ctx.console.out << "Added OAuth settings from the connector spec: " << keys << "\n";
  }
  for (const auto& [k, v] : prepared->added) options[k] = v;
  if (mode == engine::ConnectionAuthMode::U2M || mode == engine::ConnectionAuthMode::U2MPerUser)
    return authorizeInBrowser(ctx, *prepared, options);
  return std::nullopt;
}

}  // namespace cc::cli
