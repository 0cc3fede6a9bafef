#include "engine/manifest.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

ManifestInput input(const std::string& text, std::map<std::string, std::string> env = {}) {
  ManifestInput in;
  in.path = std::string(CC_TESTS_DIR) + "/fixtures/manifests/inline.yaml";  // spec paths resolve here
  in.text = text;
  in.env = [env](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return in;
}

const char* kManifest = R"(version: 1
variables:
  env: {default: dev}
connections:
  gh:
    source: github
    spec: specs/github.yaml
    options:
      token: ${env.GH_TOKEN}
      base_url: https://${env.GH_HOST}/api
  mp:
    source: mixpanel
    options:
      api_secret: literal-secret
      region: EU
pipelines:
  ingest_${var.env}:
    source: github
    connection: gh
    schema: raw_${var.env}
    objects: [{table: {source_table: issues}}]
deployment: team_a
)";

TEST(Manifest, InterpolatesAndMovesSecretsOutOfTheDocument) {
  auto r = loadManifest(input(kManifest, {{"GH_TOKEN", "ghp_SECRET"}, {"GH_HOST", "example.com"}}));
  ASSERT_TRUE(r.ok()) << r.diagnostics().items().front().summary;
  const auto& doc = r->document;
  EXPECT_TRUE(doc["pipelines"].contains("ingest_dev"));
  EXPECT_EQ(doc["pipelines"]["ingest_dev"]["schema"], "raw_dev");
  EXPECT_EQ(doc["connections"]["gh"]["options"]["token"], "${env.GH_TOKEN}");
  // Any option that used ${env.*} is sensitive, even if its name is harmless.
  EXPECT_EQ(doc["connections"]["gh"]["options"]["base_url"], "https://${env.GH_HOST}/api");
  EXPECT_EQ(doc["connections"]["mp"]["options"]["api_secret"], Secret::kMask);
  EXPECT_EQ(doc["connections"]["mp"]["options"]["region"], "EU");
  EXPECT_EQ(doc.dump().find("ghp_SECRET"), std::string::npos);
  EXPECT_EQ(doc.dump().find("literal-secret"), std::string::npos);
  ASSERT_EQ(r->secrets.size(), 3u);
  const auto& token = r->secrets.at("/connections/gh/options/token");
  EXPECT_EQ(token.revealForRequest(), "ghp_SECRET");
  EXPECT_EQ(token.source(), "${env.GH_TOKEN}");
  EXPECT_EQ(r->secrets.at("/connections/gh/options/base_url").revealForRequest(), "https://example.com/api");
  EXPECT_EQ(r->secrets.at("/connections/mp/options/api_secret").revealForRequest(), "literal-secret");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings.items()[0].summary, "connection 'mp' option 'api_secret' holds a credential written in the file");
  EXPECT_EQ(r->sources.findKey("/pipelines/ingest_dev")->line, 17);
}

TEST(Manifest, VarOverridesDefaultsAndUndeclaredVarsAreErrors) {
  auto in = input(kManifest, {{"GH_TOKEN", "t"}, {"GH_HOST", "h"}});
  in.vars = {{"env", "prod"}};
  auto r = loadManifest(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->document["pipelines"].contains("ingest_prod"));
  in.vars = {{"nope", "x"}};
  auto bad = loadManifest(in);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics().items()[0].summary, "--var nope sets a variable the manifest does not declare");
}

TEST(Manifest, ReportsEveryErrorSortedByPosition) {
  auto r = loadManifest(input(kManifest));  // both env variables unset
  ASSERT_FALSE(r.ok());
  const auto& items = r.diagnostics().items();
  ASSERT_EQ(r.diagnostics().errorCount(), 2u);
  EXPECT_EQ(items[0].summary, "environment variable 'GH_TOKEN' is not set (referenced as ${env.GH_TOKEN})");
  EXPECT_EQ(items[0].range->line, 9);
  EXPECT_EQ(items[1].range->line, 10);
  for (const auto& d : items) EXPECT_EQ(d.summary.find("ghp_"), std::string::npos);
}

TEST(Manifest, SpecSecretParametersAreSensitiveWhateverTheirName) {
  auto r = loadManifest(input("version: 1\nconnections:\n  m:\n    source: mixpanel\n    spec: specs/mixpanel.yaml\n"
                              "    options: {username: u, secret: s}\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->secrets.count("/connections/m/options/secret"), 1u);
  EXPECT_EQ(r->secrets.count("/connections/m/options/username"), 0u);
}

TEST(Manifest, CredentialNames) {
  for (const char* n : {"token", "api_token", "client_secret", "PASSWORD", "private_key", "apiKey", "access_token"})
    EXPECT_TRUE(isCredentialName(n)) << n;
  for (const char* n : {"base_url", "token_endpoint", "region", "owner", "client_id"})
    EXPECT_FALSE(isCredentialName(n)) << n;
}

TEST(Manifest, ALiteralValueInACredentialFormatIsSensitiveWhateverItsOptionIsCalled) {
  auto r = loadManifest(input("version: 1\ndeployment: t\nconnections:\n  c:\n    source: github\n"
                              "    options: {note: ghp_0123456789abcdefghijklmnopqrstuvwxyz, base_url: https://x}\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->secrets.count("/connections/c/options/note"), 1u);
  EXPECT_EQ(r->secrets.count("/connections/c/options/base_url"), 0u);
  EXPECT_EQ(r->document.dump().find("ghp_0123456789"), std::string::npos) << "the value left the document";
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings.items()[0].summary.find("credential written in the file"), std::string::npos);
}

TEST(Manifest, ADeploymentIsNamedOrTakesTheFileStemWithAWarning) {
  auto named = loadManifest(input("version: 1\ndeployment: team_a\n"));
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->deployment.id(), "team_a/default");
  EXPECT_TRUE(named->warnings.items().empty());
  auto unnamed = loadManifest(input("version: 1\n"));
  ASSERT_TRUE(unnamed.ok());
  EXPECT_EQ(unnamed->deployment.id(), "inline/default");  // fixtures/manifests/inline.yaml
  ASSERT_EQ(unnamed->warnings.items().size(), 1u);
  EXPECT_NE(unnamed->warnings.items()[0].summary.find("names no deployment"), std::string::npos);
  EXPECT_NE(unnamed->warnings.items()[0].detail.find("deployment: inline"), std::string::npos);
  auto bad = loadManifest(input("version: 1\ndeployment: ../x\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics().items()[0].range->line, 2);
}

const char* kEnvironments = R"(version: 1
deployment: team_a
workspace: {profile: DEV}
variables:
  stage: {default: dev}
defaults:
  pipeline: {catalog: dev_catalog}
environments:
  dev: {}
  prod:
    workspace: {profile: PROD, state_path: /Shared/state/team_a}
    variables: {stage: prod}
    defaults:
      pipeline: {catalog: prod_catalog}
connections:
  gh_${var.stage}:
    source: github
    options: {owner: myorg}
)";

TEST(Manifest, AnEnvironmentOverridesWorkspaceVariablesAndDefaults) {
  ManifestInput in = input(kEnvironments);
  auto dev = loadManifest(in);
  ASSERT_TRUE(dev.ok()) << dev.diagnostics().items().front().summary;
  EXPECT_EQ(dev->deployment.id(), "team_a/default");
  EXPECT_TRUE(dev->document["connections"].contains("gh_dev"));
  in.environment = "prod";
  auto prod = loadManifest(in);
  ASSERT_TRUE(prod.ok()) << prod.diagnostics().items().front().summary;
  EXPECT_EQ(prod->deployment.id(), "team_a/prod");
  EXPECT_EQ(prod->deployment.stateFolder(), "/Shared/state/team_a");
  EXPECT_EQ(prod->document["workspace"]["profile"], "PROD");
  EXPECT_EQ(prod->document["defaults"]["pipeline"]["catalog"], "prod_catalog");
  EXPECT_TRUE(prod->document["connections"].contains("gh_prod"));
  // Positions of merged values point at the override.
  EXPECT_EQ(prod->sources.find("/workspace/profile")->line, 11);
}

TEST(Manifest, AnUnknownEnvironmentOrAnUndeclaredVariableIsAnError) {
  ManifestInput in = input(kEnvironments);
  in.environment = "prd";
  auto unknown = loadManifest(in);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.diagnostics().items()[0].summary.find("environment 'prd' is not defined"), std::string::npos);
  EXPECT_NE(unknown.diagnostics().items()[0].detail.find("did you mean 'prod'"), std::string::npos);
  in = input("version: 1\ndeployment: d\n");
  in.environment = "prod";
  auto none = loadManifest(in);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.diagnostics().items()[0].summary.find("has no `environments:`"), std::string::npos);
  in = input("version: 1\ndeployment: d\nenvironments:\n  prod:\n    variables: {nope: 1}\n");
  in.environment = "prod";
  auto undeclared = loadManifest(in);
  ASSERT_FALSE(undeclared.ok());
  EXPECT_NE(undeclared.diagnostics().items()[0].summary.find("variable 'nope'"), std::string::npos);
  EXPECT_EQ(undeclared.diagnostics().items()[0].range->line, 5);
}

}  // namespace
}  // namespace cc::engine
