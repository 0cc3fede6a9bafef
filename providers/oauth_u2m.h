#pragma once
// The OAuth u2m authorization-code flow of a COMMUNITY connection, as the original tool runs
// it: a loopback listener, a random state, PKCE S256, the URL shown to the user, the code
// caught on the redirect. Unity Catalog redeems the code, so no token endpoint is called here.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/result.h"
#include "engine/secret.h"
#include "providers/authorization_url.h"

namespace cc::providers {

inline constexpr std::chrono::milliseconds kU2mDefaultTimeout{300000};

struct U2mSettings {
  std::string authorizationEndpoint;
  std::string clientId;
  std::string scope;              // space-separated; may be empty
  bool pkce = true;               // false only when the connector spec says `pkce: false`
  QueryParams extraAuthParams;    // may not override the core parameters
  std::uint16_t redirectPort = 0; // 0: a free port
  std::chrono::milliseconds timeout = kU2mDefaultTimeout;
};

/// What the connection stores afterwards: options authorization_code, oauth_redirect_uri and,
/// with PKCE, pkce_verifier.
struct U2mGrant {
  engine::Secret authorizationCode;
  std::string redirectUri;
  std::optional<engine::Secret> pkceVerifier;
  engine::Diagnostics warnings;  // extra auth params that were ignored
};

/// Receives the authorization URL once the listener is bound (the CLI prints it and calls
/// openInBrowser); the flow then waits for the redirect.
using AuthorizationUrlPresenter = std::function<void(const std::string& url)>;

/// Runs the flow; on failure the diagnostics also carry the warnings.
engine::Result<U2mGrant> runU2mAuthorization(const U2mSettings& settings, const AuthorizationUrlPresenter& presenter);

}  // namespace cc::providers
