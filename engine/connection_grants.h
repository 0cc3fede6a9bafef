#pragma once
// The grant of a u2m (or u2m_per_user) COMMUNITY connection: authorization_code,
// oauth_redirect_uri and pkce_verifier, which only the browser flow of `apply --authorize NAME`
// gives. The manifest never holds it and the server never returns it, so it is no part of the
// desired state: apply attaches it to the one create or update that sends it, as secrets.

#include <optional>
#include <string>
#include <vector>

#include "engine/plan.h"
#include "engine/result.h"
#include "engine/secret.h"

namespace cc::engine {

/// authorization_code, oauth_redirect_uri, pkce_verifier: never recorded, diffed or imported.
bool isGrantOption(const std::string& key);

/// Whether the action's connection has a u2m or u2m_per_user auth block.
bool needsGrant(const PlannedAction& a);

/// --authorize NAME for each name: NAME must be a u2m connection the plan creates, replaces,
/// updates or keeps; one it keeps becomes an update that sends a new grant. The grant's option
/// changes are shown (sensitive) on each such action. Unknown names are errors.
Status planAuthorizations(Plan& plan, const std::vector<std::string>& names);

/// The u2m connections the plan would create, replace or update (an options PATCH replaces the
/// whole map, grant included) without a grant, i.e. without --authorize: apply refuses them.
std::vector<const PlannedAction*> actionsNeedingGrant(const Plan& plan, const std::vector<std::string>& authorized);

/// Notes on those actions that apply needs --authorize for them (plan shows it).
void noteMissingGrants(Plan& plan);

struct OAuthGrant {
  Secret authorizationCode;
  Secret redirectUri;
  std::optional<Secret> pkceVerifier;
};

/// The grant as the action's secrets, sent with its create or update.
void attachGrant(PlannedAction& action, const OAuthGrant& grant);

}  // namespace cc::engine
