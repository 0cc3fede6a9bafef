#include "providers/oauth_u2m.h"

#include <memory>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "providers/http_client.h"
#include "providers/oauth_callback_listener.h"
#include "providers/pkce.h"

namespace cc::providers {
namespace {

using GrantResult = engine::Result<U2mGrant>;

// The endpoint is opened in the user's browser with the client id and state in it: https,
// or plain http only to this machine (a test IdP).
engine::Diagnostics checkSettings(const U2mSettings& settings) {
  engine::Diagnostics d;
  if (settings.clientId.empty()) d.error("the u2m flow needs a client_id");
  std::string scheme, host;
  try {
    const Poco::URI uri(settings.authorizationEndpoint);
    scheme = uri.getScheme();
    host = uri.getHost();
  } catch (const Poco::Exception&) {
  }
  const bool secure = scheme == "https" || (scheme == "http" && isLoopbackHost(host));
  if (host.empty() || !secure) {
    d.error("the authorization_endpoint must be an https:// URL", std::nullopt,
            "got '" + settings.authorizationEndpoint + "'");
  }
  return d;
}

engine::Diagnostics warningsFor(const AuthorizationUrl& url) {
  engine::Diagnostics d;
  for (const auto& name : url.ignoredExtraParams) {
    d.warning("extra auth param '" + name + "' ignored: the flow sets it itself");
  }
  return d;
}

GrantResult failWith(engine::Diagnostics errors, const engine::Diagnostics& warnings) {
  errors.append(warnings);
  return GrantResult(std::move(errors));
}

}  // namespace

engine::Result<U2mGrant> runU2mAuthorization(const U2mSettings& settings, const AuthorizationUrlPresenter& presenter) {
  if (auto problems = checkSettings(settings); problems.hasErrors()) return GrantResult(std::move(problems));
  const std::string state = randomUrlSafeString(32);
  std::optional<PkcePair> pkce;
  if (settings.pkce) pkce = newPkcePair();
  if (state.empty() || (pkce && pkce->verifier.empty())) {
    return GrantResult::failure("cannot start the u2m flow: the system's random generator failed");
  }
  auto listener = OAuthCallbackListener::start(settings.redirectPort, state);
  if (!listener) return GrantResult(listener.diagnostics());
  AuthorizationRequest request{settings.authorizationEndpoint, settings.clientId, (*listener)->redirectUri(), state,
                               settings.scope, std::nullopt, settings.extraAuthParams};
  if (pkce) request.codeChallenge = pkce->challenge;
  const AuthorizationUrl url = buildAuthorizationUrl(request);
  U2mGrant grant;
  grant.warnings = warningsFor(url);
  grant.redirectUri = request.redirectUri;
  // Only now, with the port bound and serving, may anyone learn the redirect URI.
  presenter(url.url);
  auto code = (*listener)->waitForCode(settings.timeout);
  if (!code) return failWith(code.diagnostics(), grant.warnings);
  grant.authorizationCode = std::move(code).value();
  if (pkce) grant.pkceVerifier = std::move(pkce->verifier);
  return grant;
}

}  // namespace cc::providers
