#include "engine/connection_grants.h"

#include <algorithm>

namespace cc::engine {
namespace {

const char* const kGrantKeys[] = {"authorization_code", "oauth_redirect_uri", "pkce_verifier"};

bool authorizedName(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The grant options the action will send, shown without values.
void showGrantChanges(PlannedAction& a) {
  const bool pkce = a.desired.inputs["oauth"].value("pkce", true);
  for (const char* key : kGrantKeys) {
    if (!pkce && std::string_view(key) == "pkce_verifier") continue;
    const std::string field = std::string("options.") + key;
    auto same = [&](const FieldChange& c) { return c.field == field; };
    a.changes.erase(std::remove_if(a.changes.begin(), a.changes.end(), same), a.changes.end());
    a.changes.push_back({field, nullptr, nullptr, true, false, "a new grant from the browser flow (--authorize)"});
  }
  std::sort(a.changes.begin(), a.changes.end(), [](const FieldChange& x, const FieldChange& y) { return x.field < y.field; });
}

std::string grantNote(const std::string& name) {
  return "u2m: apply sends this only with `--authorize " + name + "`, which runs the browser flow for its grant";
}

bool patchesOptions(const PlannedAction& a) {
  return std::any_of(a.changes.begin(), a.changes.end(),
                     [](const FieldChange& c) { return c.field.rfind("options", 0) == 0; });
}

bool writesWithoutGrant(const PlannedAction& a, const std::vector<std::string>& authorized) {
  if (!needsGrant(a) || authorizedName(authorized, a.key.name)) return false;
  return a.action == ActionKind::Create || a.action == ActionKind::Replace ||
         (a.action == ActionKind::Update && patchesOptions(a));
}

}  // namespace

bool isGrantOption(const std::string& key) {
  return std::any_of(std::begin(kGrantKeys), std::end(kGrantKeys), [&](const char* k) { return key == k; });
}

bool needsGrant(const PlannedAction& a) {
  if (a.key.kind != ResourceKind::Connection) return false;
  const auto oauth = a.desired.inputs.find("oauth");
  if (oauth == a.desired.inputs.end() || !oauth->is_object()) return false;
  const std::string type = oauth->value("type", "");
  return type == "u2m" || type == "u2m_per_user";
}

Status planAuthorizations(Plan& plan, const std::vector<std::string>& names) {
  Diagnostics errors;
  for (const std::string& name : names) {
    auto it = std::find_if(plan.actions.begin(), plan.actions.end(), [&](const PlannedAction& a) {
      return a.key.kind == ResourceKind::Connection && a.key.name == name;
    });
    if (it == plan.actions.end() || !needsGrant(*it) || it->action == ActionKind::Delete) {
      errors.error("--authorize " + name + ": the plan has no connection " + name + " with auth type u2m or u2m_per_user",
                   std::nullopt, "name a connection of the manifest whose auth.type is u2m or u2m_per_user");
      continue;
    }
    if (it->action == ActionKind::NoOp) it->action = ActionKind::Update;
    std::erase(it->notes, grantNote(name));
    showGrantChanges(*it);
  }
  if (errors.hasErrors()) return errors;
  return okStatus();
}

std::vector<const PlannedAction*> actionsNeedingGrant(const Plan& plan, const std::vector<std::string>& authorized) {
  std::vector<const PlannedAction*> out;
  for (const PlannedAction& a : plan.actions)
    if (writesWithoutGrant(a, authorized)) out.push_back(&a);
  return out;
}

void noteMissingGrants(Plan& plan) {
  for (PlannedAction& a : plan.actions)
    if (writesWithoutGrant(a, {})) a.notes.push_back(grantNote(a.key.name));
}

void attachGrant(PlannedAction& action, const OAuthGrant& grant) {
  action.desired.secrets["options.authorization_code"] = grant.authorizationCode;
  action.desired.secrets["options.oauth_redirect_uri"] = grant.redirectUri;
  if (grant.pkceVerifier) action.desired.secrets["options.pkce_verifier"] = *grant.pkceVerifier;
}

}  // namespace cc::engine
