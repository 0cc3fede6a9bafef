// A connection's `auth:` block from the file to the plan: validation with locations, the
// options and secrets the model makes of it, and the grant rules of u2m connections.
#include "engine/manifest_connection_auth.h"

#include <gtest/gtest.h>

#include "engine/connection_grants.h"
#include "engine/model.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using nlohmann::json;

ManifestInput authInput(const std::string& text) {
  ManifestInput in;
  in.path = std::string(CC_TESTS_DIR) + "/fixtures/manifests/inline.yaml";  // spec paths resolve here
  in.text = text;
  in.env = [](const std::string& n) -> std::optional<std::string> {
    if (n == "ADO_SECRET") return "ado-client-secret-1";
    if (n == "MAIL_SECRET") return "mail-client-secret-2";
    return std::nullopt;
  };
  return in;
}

const char* kM2m = R"(version: 1
connections:
  ado:
    source: azure_devops
    spec: specs/oauth_m2m.yaml
    options: {tenant_id: t-42, organization: contoso}
    auth:
      type: m2m
      client_id: ado-app
      client_secret: ${env.ADO_SECRET}
)";

const char* kU2m = R"(version: 1
connections:
  mail:
    source: gmail
    spec: specs/oauth_u2m.yaml
    auth:
      client_id: mail-app
      client_secret: ${env.MAIL_SECRET}
      redirect_port: 8765
      extra_auth_params: {prompt: consent}
)";

std::string firstError(const Result<Manifest>& r) {
  if (r.ok()) return "(loaded)";
  const auto& d = r.diagnostics().items().front();
  return d.summary + (d.range ? " @" + std::to_string(d.range->line) + ":" + std::to_string(d.range->column) : "");
}

DesiredResource connectionOf(const Manifest& m, const std::string& name) {
  auto state = buildModel(m, WorkspaceContext{"alice@example.com", "https://x.test"}, testing::bundled());
  EXPECT_TRUE(state.ok());
  const DesiredResource* r = state->find({ResourceKind::Connection, name});
  EXPECT_NE(r, nullptr);
  return r ? *r : DesiredResource{};
}

TEST(ManifestConnectionAuth, M2mTakesTheSpecDefaultsAndKeepsTheClientSecretSecret) {
  auto m = loadManifest(authInput(kM2m));
  ASSERT_TRUE(m.ok()) << firstError(m);
  EXPECT_EQ(m->document["connections"]["ado"]["auth"]["client_secret"], "${env.ADO_SECRET}");
  const DesiredResource c = connectionOf(*m, "ado");
  EXPECT_EQ(c.fields["connection_type"], kCommunityConnectionType);
  const json& o = c.fields["options"];
  EXPECT_EQ(o["client_id"], "ado-app");
  EXPECT_EQ(o["token_endpoint"], "https://login.example.test/t-42/token");  // placeholder filled
  EXPECT_EQ(o["oauth_scope"], "api.read");                                   // renamed from scopes
  EXPECT_EQ(o["community_oauth_flow"], "m2m");
  EXPECT_FALSE(o.contains("client_secret"));
  ASSERT_TRUE(c.secrets.count("options.client_secret"));
  EXPECT_EQ(c.secrets.at("options.client_secret").revealForRequest(), "ado-client-secret-1");
  EXPECT_EQ(c.fields.dump().find("ado-client-secret-1"), std::string::npos);
  EXPECT_EQ(c.inputs["oauth"]["type"], "m2m");
}

TEST(ManifestConnectionAuth, U2mTypeComesFromTheSpecAndFlowControlsAreInputsOnly) {
  auto m = loadManifest(authInput(kU2m));
  ASSERT_TRUE(m.ok()) << firstError(m);
  const DesiredResource c = connectionOf(*m, "mail");
  EXPECT_EQ(c.fields["options"]["community_oauth_flow"], "u2m");
  EXPECT_EQ(c.fields["options"]["authorization_endpoint"], "https://idp.example.test/authorize");
  for (const char* flowOnly : {"pkce", "redirect_port", "extra_auth_params", "access_type", "prompt"})
    EXPECT_FALSE(c.fields["options"].contains(flowOnly)) << flowOnly;
  EXPECT_EQ(c.inputs["oauth"]["type"], "u2m");
  EXPECT_EQ(c.inputs["oauth"]["pkce"], false);
  EXPECT_EQ(c.inputs["oauth"]["redirect_port"], 8765);
  EXPECT_EQ(c.inputs["oauth"]["extra_auth_params"], (json{{"access_type", "offline"}, {"prompt", "consent"}}));
}

TEST(ManifestConnectionAuth, ExplicitGenericTypeWithOAuthIsAnErrorAtTheType) {
  std::string text = kM2m;
  text.replace(text.find("    options:"), 0, "    type: GENERIC_LAKEFLOW_CONNECT\n");
  auto m = loadManifest(authInput(text));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(firstError(m),
            "connection 'ado': auth type m2m needs a COMMUNITY connection, but type is GENERIC_LAKEFLOW_CONNECT @6:11");
}

TEST(ManifestConnectionAuth, StaticTakesNoOAuthSettingsAndGrantOptionsAreRefused) {
  auto m = loadManifest(authInput("version: 1\nconnections:\n  gh:\n    source: github\n    auth:\n      type: static\n"
                                  "      client_id: x\n"));
  EXPECT_EQ(firstError(m), "connection 'gh': auth type static takes no OAuth settings, but client_id is given @7:7");
  auto grant = loadManifest(authInput("version: 1\nconnections:\n  g:\n    source: gmail\n    spec: specs/oauth_u2m.yaml\n"
                                      "    options: {authorization_code: abc}\n    auth: {client_id: a, client_secret: b}\n"));
  ASSERT_FALSE(grant.ok());
  EXPECT_NE(firstError(grant).find("option authorization_code is grant material"), std::string::npos) << firstError(grant);
}

TEST(ManifestConnectionAuth, MissingRequiredOAuthSettingsAreReportedAtTheAuthBlock) {
  auto m = loadManifest(authInput("version: 1\nconnections:\n  x:\n    source: s\n    auth:\n      type: u2m\n"
                                  "      client_id: a\n"));
  ASSERT_FALSE(m.ok());
  std::vector<std::string> errors;
  for (const auto& d : m.diagnostics().items()) errors.push_back(d.summary);
  EXPECT_EQ(errors, (std::vector<std::string>{"connection 'x': auth type u2m needs the option client_secret",
                                              "connection 'x': auth type u2m needs the option token_endpoint",
                                              "connection 'x': auth type u2m needs the option authorization_endpoint"}));
  EXPECT_EQ(m.diagnostics().items().front().range->line, 5);
}

TEST(ManifestConnectionAuth, ASpecPlaceholderMayNotTakeASensitiveOption) {
  std::string text = kM2m;
  text.replace(text.find("tenant_id: t-42"), 15, "tenant_id: \"${env.ADO_SECRET}\"");
  auto m = loadManifest(authInput(text));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(firstError(m), "connection 'ado': the connector spec's OAuth settings use {tenant_id}, but option tenant_id "
                           "is sensitive and would be shown in them @6:15");
}

PlannedAction* actionOf(Plan& plan, const std::string& name) {
  for (auto& a : plan.actions)
    if (a.key == ResourceKey{ResourceKind::Connection, name}) return &a;
  return nullptr;
}

TEST(ConnectionGrants, U2mCreateNeedsAuthorizeAndTheGrantIsSentOnceNeverRecorded) {
  auto m = loadManifest(authInput(kU2m));
  ASSERT_TRUE(m.ok()) << firstError(m);
  testing::InMemoryProvider ws;
  auto plan = testing::planFor(*m, ws);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(actionsNeedingGrant(*plan, {}).size(), 1u);
  EXPECT_TRUE(actionsNeedingGrant(*plan, {"mail"}).empty());
  const std::string note = "u2m: apply sends this only with `--authorize mail`, which runs the browser flow for its grant";
  EXPECT_EQ(actionOf(*plan, "mail")->notes, std::vector<std::string>{note});
  EXPECT_FALSE(planAuthorizations(*plan, {"nope"}).ok());

  ASSERT_TRUE(planAuthorizations(*plan, {"mail"}).ok());
  PlannedAction* a = actionOf(*plan, "mail");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->action, ActionKind::Create);
  EXPECT_TRUE(a->notes.empty());
  bool showsCode = false;
  for (const auto& c : a->changes) showsCode = showsCode || (c.field == "options.authorization_code" && c.sensitive);
  EXPECT_TRUE(showsCode);
  attachGrant(*a, OAuthGrant{Secret("code-77", "(grant)"), Secret("http://127.0.0.1:8765/callback", "(grant)"), {}});
  ASSERT_TRUE(testing::applyAll(*plan, ws).ok());
  EXPECT_EQ(ws.receivedSecrets(a->key).at("options.authorization_code"), "code-77");

  // The server hides the grant and the record holds no fingerprint of it: no perpetual diff.
  auto again = testing::planFor(*m, ws);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->hasChanges());
  EXPECT_TRUE(actionsNeedingGrant(*again, {}).empty());
  for (const auto& [path, file] : ws.files()) EXPECT_EQ(file.content.find("authorization_code"), std::string::npos) << path;

  // --authorize on an unchanged connection is an update that sends a new grant.
  ASSERT_TRUE(planAuthorizations(*again, {"mail"}).ok());
  EXPECT_EQ(actionOf(*again, "mail")->action, ActionKind::Update);
}

TEST(ConnectionGrants, AnOptionsUpdateOfAU2mConnectionNeedsAGrantToo) {
  auto m = loadManifest(authInput(kU2m));
  ASSERT_TRUE(m.ok());
  testing::InMemoryProvider ws;
  auto plan = testing::planFor(*m, ws);
  ASSERT_TRUE(plan.ok() && planAuthorizations(*plan, {"mail"}).ok());
  ASSERT_TRUE(testing::applyAll(*plan, ws).ok());
  std::string text = kU2m;
  text.replace(text.find("      redirect_port"), 0, "      oauth_scope: mail.read mail.send\n");
  auto changed = loadManifest(authInput(text));
  ASSERT_TRUE(changed.ok()) << firstError(changed);
  auto next = testing::planFor(*changed, ws);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(actionOf(*next, "mail")->action, ActionKind::Update);
  EXPECT_EQ(actionsNeedingGrant(*next, {}).size(), 1u);
}

}  // namespace
}  // namespace cc::engine
