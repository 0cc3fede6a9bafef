// Connections with an `auth:` block against the emulator: an m2m connection and a u2m one whose
// grant the test brings back as the browser (`apply --authorize`), a re-plan with nothing to do,
// destroy; and the refusals that send nothing.
#include <gtest/gtest.h>

#include "browser_automation.h"
#include "declarative_support.h"
#include "providers/http_client.h"

namespace cc::e2e {
namespace {

using ::testing::HasSubstr;

constexpr const char* kAdoSecret = "ado-client-secret-e2e-41";
constexpr const char* kMailSecret = "mail-client-secret-e2e-42";
constexpr const char* kGrantCode = "grant-code-e2e-43";

const char* kOAuthManifest = R"(version: 1
deployment: oauth_e2e
connections:
  ado:
    source: azure_devops
    spec: specs/oauth_m2m.yaml
    options: {tenant_id: t-42, organization: contoso}
    auth: {type: m2m, client_id: ado-app, client_secret: "${env.ADO_SECRET}"}
  mail:
    source: gmail
    spec: specs/oauth_u2m.yaml
    auth: {client_id: mail-app, client_secret: "${env.MAIL_SECRET}"}
)";

class DeclarativeOAuth : public DeclarativeTest {
 protected:
  void SetUp() override {
    startEmulator();
    fs::create_directories(work_ / "specs");
    for (const char* spec : {"oauth_m2m.yaml", "oauth_u2m.yaml"})
      fs::copy_file(fs::path(CC_TESTS_DIR) / "fixtures/manifests/specs" / spec, work_ / "specs" / spec);
    test_support::writeText(work_ / "oauth.yaml", kOAuthManifest);
    env_["ADO_SECRET"] = kAdoSecret;
    env_["MAIL_SECRET"] = kMailSecret;
  }

  void expectNothingSecret(const std::string& text) {
    for (const char* secret : {kAdoSecret, kMailSecret, kGrantCode}) EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
};

TEST_F(DeclarativeOAuth, WithoutAuthorizeApplyRefusesAU2mCreateAndSendsNothing) {
  const std::size_t before = logLines(log());
  auto r = cli({"apply", "-f", "oauth.yaml", "--auto-approve"});
  EXPECT_EQ(r.exit, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("connection mail (u2m) uses user-to-machine OAuth and needs a grant"));
  EXPECT_THAT(r.err, HasSubstr("community-connector apply -f oauth.yaml --authorize mail"));
  EXPECT_TRUE(mutatingSince(before).empty()) << mutatingSince(before).front().dump();
  EXPECT_EQ(countConnections(), 0u);

  // --authorize needs a terminal (this is none) unless a program plays the browser.
  auto headless = cli({"apply", "-f", "oauth.yaml", "--auto-approve", "--authorize", "mail"});
  EXPECT_EQ(headless.exit, 1) << headless.out << headless.err;
  EXPECT_THAT(headless.err, HasSubstr("this is not a terminal; nothing was sent"));
  EXPECT_THAT(headless.err, HasSubstr("COMMUNITY_CONNECTOR_BROWSER_AUTOMATION=1"));
  auto unknown = cli({"apply", "-f", "oauth.yaml", "--auto-approve", "--authorize", "ado"});
  EXPECT_EQ(unknown.exit, 1);
  EXPECT_THAT(unknown.err, HasSubstr("--authorize ado: the plan has no connection ado with auth type u2m"));

  // A saved plan is refused the same way; plan itself only notes it.
  auto planned = cli({"plan", "-f", "oauth.yaml", "-o", "u2m.plan.json"});
  ASSERT_EQ(planned.exit, 0) << planned.err;
  EXPECT_THAT(planned.out, HasSubstr("apply sends this only with `--authorize mail`"));
  auto fromFile = cli({"apply", "u2m.plan.json"});
  EXPECT_EQ(fromFile.exit, 1) << fromFile.out << fromFile.err;
  EXPECT_THAT(fromFile.err, HasSubstr("--authorize mail"));
  EXPECT_TRUE(mutatingSince(before).empty());
}

TEST_F(DeclarativeOAuth, AuthorizedU2mAndM2mApplyThenReplanIsEmptyAndDestroyRemovesThem) {
  Environment automated = env_;
  automated["COMMUNITY_CONNECTOR_BROWSER_AUTOMATION"] = "1";
  auto child = startCli({"apply", "-f", "oauth.yaml", "--auto-approve", "--authorize", "mail"}, work_, automated);
  const std::string url = awaitAuthorizationUrl(child);
  ASSERT_FALSE(url.empty()) << readText(child.errFile);
  const auto parsed = providers::testing::parseUrl(url);
  EXPECT_EQ(parsed.get("client_id"), "mail-app");
  EXPECT_EQ(parsed.get("scope"), "mail.read");
  EXPECT_EQ(parsed.get("access_type"), "offline");
  EXPECT_EQ(parsed.count("code_challenge"), 0u);  // the spec says pkce: false
  const std::string redirect = parsed.get("redirect_uri");
  const auto port = providers::testing::portOf(redirect);
  ASSERT_NE(port, 0) << redirect;
  auto answered = providers::testing::browse(port, "/callback", {{"code", kGrantCode}, {"state", parsed.get("state")}});
  EXPECT_EQ(answered.status, 200);
  auto r = finishCli(child);
  ASSERT_EQ(r.exit, 0) << r.out << r.err;
  expectNoSecret(r);
  expectNothingSecret(r.out + r.err);

  auto mail = connection("mail");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->value("connection_type", ""), "COMMUNITY");
  EXPECT_EQ((*mail)["options"].value("community_oauth_flow", ""), "u2m");
  auto ado = connection("ado");
  ASSERT_TRUE(ado.has_value());
  EXPECT_EQ(ado->value("connection_type", ""), "COMMUNITY");
  EXPECT_EQ((*ado)["options"].value("token_endpoint", ""), "https://login.example.test/t-42/token");
  const std::string state = readText(emulator_->statePath());
  for (const std::string& stored : {std::string(kGrantCode), redirect, std::string(kAdoSecret), std::string(kMailSecret)})
    EXPECT_NE(state.find(stored), std::string::npos) << stored;

  // The server hides the grant; the plan neither asks for one nor shows a difference.
  auto again = cli({"plan", "-f", "oauth.yaml", "--detailed-exitcode"});
  EXPECT_EQ(again.exit, 0) << again.out << again.err;
  auto saved = cli({"plan", "-f", "oauth.yaml", "-o", "-"});
  ASSERT_EQ(saved.exit, 0);
  expectNothingSecret(saved.out + saved.err);

  // --authorize on the unchanged connection refreshes its grant (an update that keeps the secret).
  std::string secondRedirect;
  auto refreshed = authorizeAsBrowser(
      startCli({"apply", "-f", "oauth.yaml", "--auto-approve", "--authorize", "mail"}, work_, automated),
      "grant-code-e2e-44", secondRedirect);
  ASSERT_EQ(refreshed.exit, 0) << refreshed.out << refreshed.err;
  EXPECT_THAT(refreshed.out, HasSubstr("~ connection mail"));
  EXPECT_THAT(refreshed.out, HasSubstr("0 to create, 1 to update"));
  const std::string after = readText(emulator_->statePath());
  EXPECT_NE(after.find("grant-code-e2e-44"), std::string::npos);
  EXPECT_EQ(after.find(kGrantCode), std::string::npos);
  EXPECT_NE(after.find(kMailSecret), std::string::npos);
  expectNothingSecret(refreshed.out + refreshed.err);
  EXPECT_EQ((refreshed.out + refreshed.err).find("grant-code-e2e-44"), std::string::npos);

  // import writes the auth blocks back, without the secrets or the grant.
  auto imported = cli({"import"});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("    auth:\n      type: u2m\n      client_id: mail-app\n"));
  EXPECT_THAT(imported.out, HasSubstr("    auth:\n      type: m2m\n      client_id: ado-app\n"));
  for (const char* left : {"authorization_code", "oauth_redirect_uri", "community_oauth_flow"})
    EXPECT_EQ(imported.out.find(left), std::string::npos) << left << "\n" << imported.out;
  expectNothingSecret(imported.out + imported.err);
  test_support::writeText(work_ / "imported.yaml", imported.out);
  Environment importedEnv = env_;
  importedEnv["ADO_CLIENT_SECRET"] = kAdoSecret;
  importedEnv["MAIL_CLIENT_SECRET"] = kMailSecret;
  importedEnv["ADO_TENANT_ID"] = "t-42";  // the emulator hides a COMMUNITY connection's source options
  importedEnv["ADO_ORGANIZATION"] = "contoso";
  auto replanned = runCli({"plan", "-f", "imported.yaml", "--detailed-exitcode"}, work_, importedEnv);
  EXPECT_EQ(replanned.exit, 0) << imported.out << replanned.out << replanned.err;

  auto destroyed = cli({"destroy", "-f", "oauth.yaml", "--auto-approve", "--allow-mass-delete"});
  EXPECT_EQ(destroyed.exit, 0) << destroyed.out << destroyed.err;
  EXPECT_EQ(countConnections(), 0u);
}

}  // namespace
}  // namespace cc::e2e
