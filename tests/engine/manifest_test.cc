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
  auto r = loadManifest(input("version: 1\nconnections:\n  c:\n    source: github\n"
                              "    options: {note: ghp_0123456789abcdefghijklmnopqrstuvwxyz, base_url: https://x}\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->secrets.count("/connections/c/options/note"), 1u);
  EXPECT_EQ(r->secrets.count("/connections/c/options/base_url"), 0u);
  EXPECT_EQ(r->document.dump().find("ghp_0123456789"), std::string::npos) << "the value left the document";
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings.items()[0].summary.find("credential written in the file"), std::string::npos);
}

}  // namespace
}  // namespace cc::engine
