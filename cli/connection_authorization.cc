#include "cli/connection_authorization.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "cli/command_support.h"
#include "cli/exit_code.h"
#include "engine/connection_grants.h"
#include "providers/browser.h"
#include "providers/oauth_u2m.h"

namespace cc::cli {
namespace {

// The command that authorizes `names`, with the manifest and environment this apply used.
std::string authorizeCommand(const ApplyRequest& request, const std::vector<std::string>& names) {
  std::string command = "community-connector apply";
  if (request.manifest.file != "connectors.yaml") command += " -f " + request.manifest.file;
  if (!request.manifest.environment.empty()) command += " -e " + request.manifest.environment;
  for (const auto& name : names) command += " --authorize " + name;
  if (!request.manifest.vars.empty()) command += " (with your --var flags)";
  return command;
}

bool browserAutomated() {
  const char* v = std::getenv(kBrowserAutomationVariable);
  return v != nullptr && std::string(v) == "1";
}

// A connection option of the action: a plain field, or a secret (a ${env.*} client_id).
std::string optionOf(const engine::PlannedAction& a, const std::string& key) {
  const auto& options = a.desired.fields.value("options", nlohmann::json::object());
  if (auto it = options.find(key); it != options.end() && it->is_string()) return it->get<std::string>();
  if (auto s = a.desired.secrets.find("options." + key); s != a.desired.secrets.end()) return s->second.revealForRequest();
  return {};
}

providers::U2mSettings flowSettings(const engine::PlannedAction& a) {
  const nlohmann::json oauth = a.desired.inputs.value("oauth", nlohmann::json::object());
  providers::U2mSettings settings;
  settings.authorizationEndpoint = optionOf(a, "authorization_endpoint");
  settings.clientId = optionOf(a, "client_id");
  settings.scope = optionOf(a, "oauth_scope");
  settings.pkce = oauth.value("pkce", true);
  if (auto extra = oauth.find("extra_auth_params"); extra != oauth.end() && extra->is_object())
    for (const auto& [k, v] : extra->items())
      if (v.is_string()) settings.extraAuthParams.emplace_back(k, v.get<std::string>());
  settings.redirectPort = oauth.value("redirect_port", std::uint16_t{0});
  return settings;
}

std::optional<int> authorizeOne(engine::PlannedAction& a, Console& console) {
  console.err << "Authorizing connection " << a.key.name << " (" << a.desired.inputs["oauth"].value("type", "u2m")
              << "): open this URL in a browser:\n";
  auto grant = providers::runU2mAuthorization(flowSettings(a), [&console](const std::string& url) {
    console.err << "  " << url << "\n" << std::flush;
    providers::openInBrowser(url);
  });
  if (!grant)
    return failWith(console, "authorizing connection " + a.key.name + " failed: " + grant.diagnostics().items().front().summary,
                    "nothing was changed for it; run the command again and complete the browser step");
  for (const auto& w : grant->warnings.items()) console.err << "warning: " << w.summary << "\n";
  engine::OAuthGrant attached{grant->authorizationCode, engine::Secret(grant->redirectUri, "(grant)"),
                              grant->pkceVerifier};
  engine::attachGrant(a, attached);
  console.err << "Authorization received for connection " << a.key.name << ".\n";
  return std::nullopt;
}

}  // namespace

std::optional<int> checkGrants(engine::Plan& plan, const ApplyRequest& request, Console& console) {
  if (auto marked = engine::planAuthorizations(plan, request.authorize); !marked) {
    for (const auto& d : marked.diagnostics().items()) console.err << "error: " << d.summary << "\n  " << d.detail << "\n";
    return toInt(ExitCode::Error);
  }
  std::vector<std::string> missing;
  std::string named;  // "mail (u2m), team_mail (u2m_per_user)"
  for (const engine::PlannedAction* a : engine::actionsNeedingGrant(plan, request.authorize)) {
    missing.push_back(a->key.name);
    const auto oauth = a->desired.inputs.find("oauth");
    const std::string flow = oauth != a->desired.inputs.end() && oauth->is_object() ? oauth->value("type", "u2m") : "u2m";
    named += (named.empty() ? "" : ", ") + a->key.name + " (" + flow + ")";
  }
  if (!missing.empty())
    return failWith(console,
                    "connection " + named + " uses user-to-machine OAuth and needs a grant from the browser flow, "
                    "which only --authorize runs (an options update also replaces the grant); nothing was sent",
                    "run in a terminal: " + authorizeCommand(request, missing));
  if (!request.authorize.empty() && !console.interactive && !browserAutomated())
    return failWith(console, "--authorize runs a browser flow, and this is not a terminal; nothing was sent",
                    "run in a terminal: " + authorizeCommand(request, request.authorize) +
                        " (where a program plays the browser, set " + kBrowserAutomationVariable + "=1)");
  return std::nullopt;
}

std::optional<int> authorizeConnections(engine::Plan& plan, const ApplyRequest& request, Console& console) {
  for (engine::PlannedAction& a : plan.actions) {
    if (!engine::needsGrant(a) || !engine::mutates(a.action)) continue;
    if (std::find(request.authorize.begin(), request.authorize.end(), a.key.name) == request.authorize.end()) continue;
    if (auto failed = authorizeOne(a, console)) return failed;
  }
  return std::nullopt;
}

}  // namespace cc::cli
