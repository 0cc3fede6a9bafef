#pragma once
// The OAuth authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) as the URL a browser opens.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cc::providers {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct AuthorizationRequest {
  std::string endpoint;      // the IdP's authorization_endpoint; may carry a query already
  std::string clientId;
  std::string redirectUri;
  std::string state;
  std::string scope;         // space-separated; left out of the URL when empty
  std::optional<std::string> codeChallenge;  // set with PKCE; the method is then S256
  QueryParams extraParams;   // the spec's extra_auth_params, in order
};

struct AuthorizationUrl {
  std::string url;
  /// Extra params dropped because they named a core parameter (response_type, client_id,
  /// redirect_uri, state, scope, code_challenge, code_challenge_method).
  std::vector<std::string> ignoredExtraParams;
};

/// True for the parameters the flow itself sets; extra params may not replace them.
bool isCoreAuthorizationParam(const std::string& name);

/// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string percentEncodeComponent(const std::string& text);

/// endpoint + ('?' or '&') + the core parameters + the permitted extra parameters.
AuthorizationUrl buildAuthorizationUrl(const AuthorizationRequest& request);

}  // namespace cc::providers
