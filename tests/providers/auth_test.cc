// Auth resolution over fixture config files and fake environments (no network).
#include "providers/auth.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace cc::providers {
namespace {

std::string fixture(const std::string& name) { return std::string(CC_TESTS_DIR) + "/fixtures/providers/" + name; }

struct World {
  std::map<std::string, std::string> env;
  EnvLookup lookup() const {
    return [this](const std::string& k) -> std::optional<std::string> {
      auto it = env.find(k);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
  }
  engine::Result<ResolvedAuth> resolve(const AuthRequest& request = {}) const {
    return resolveAuth(request, lookup(), realFileReader());
  }
};

std::string sourceOf(const ResolvedAuth& a, const std::string& attr) {
  for (const auto& s : a.sources)
    if (s.attribute == attr) return s.source;
  return "";
}

std::string errorText(const engine::Result<ResolvedAuth>& r) {
  std::string s;
  for (const auto& d : r.diagnostics().items()) s += d.summary + " | " + d.detail + "\n";
  return s;
}

TEST(Auth, EnvHostAndTokenGivePat) {
  World w{{{"DATABRICKS_HOST", "example.cloud.databricks.com/"}, {"DATABRICKS_TOKEN", "dapi-env"},
           {"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->host, "https://example.cloud.databricks.com");
  EXPECT_EQ(r->type, AuthType::Pat);
  EXPECT_EQ(r->token.revealForRequest(), "dapi-env");
  EXPECT_EQ(sourceOf(*r, "host"), "env DATABRICKS_HOST");
  EXPECT_EQ(sourceOf(*r, "token"), "env DATABRICKS_TOKEN");
  EXPECT_EQ(r->profile, "");  // the file is skipped when env already configures auth
}

TEST(Auth, EnvClientCredentialsGiveOAuth) {
  World w{{{"DATABRICKS_HOST", "https://x.databricks.com"}, {"DATABRICKS_CLIENT_ID", "cid"},
           {"DATABRICKS_CLIENT_SECRET", "csecret"}, {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->type, AuthType::OAuthM2M);
  EXPECT_EQ(r->clientId, "cid");
  EXPECT_EQ(r->clientSecret.revealForRequest(), "csecret");
  EXPECT_EQ(sourceOf(*r, "client_secret"), "env DATABRICKS_CLIENT_SECRET");
}

TEST(Auth, FlagProfileWinsOverEnvAndEnvFillsGaps) {
  World w{{{"DATABRICKS_HOST", "https://env.databricks.com"}, {"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  AuthRequest req;
  req.flagProfile = "dev";
  auto r = w.resolve(req);
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->host, "https://dev.cloud.databricks.com");
  EXPECT_EQ(r->profile, "dev");
  // '#' without whitespace before it belongs to the value; " # …" is a comment.
  EXPECT_EQ(r->token.revealForRequest(), "dapi-dev#token-with-hash");
  EXPECT_EQ(sourceOf(*r, "token"), "profile [dev] in " + fixture("databrickscfg-basic"));
}

TEST(Auth, FlagHostBeatsEnvHost) {
  World w{{{"DATABRICKS_HOST", "https://env.databricks.com"}, {"DATABRICKS_TOKEN", "t0ken"}}};
  AuthRequest req;
  req.flagHost = "https://flag.databricks.com/some/path";
  auto r = w.resolve(req);
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->host, "https://flag.databricks.com");
  EXPECT_EQ(sourceOf(*r, "host"), "flag --host");
}

TEST(Auth, EnvConfigProfileSelectsSection) {
  World w{{{"DATABRICKS_CONFIG_PROFILE", "sp"}, {"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->type, AuthType::OAuthM2M);
  EXPECT_EQ(r->host, "https://sp.cloud.databricks.com");  // :443 and ?o= dropped
  EXPECT_EQ(r->clientId, "sp-client");
}

TEST(Auth, ManifestProfileUsedWhenNoEnvProfile) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  AuthRequest req;
  req.manifestProfile = "dev";
  auto r = w.resolve(req);
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->profile, "dev");
  w.env["DATABRICKS_CONFIG_PROFILE"] = "sp";
  auto r2 = w.resolve(req);
  ASSERT_TRUE(r2.ok()) << errorText(r2);
  EXPECT_EQ(r2->profile, "sp");
}

TEST(Auth, DefaultProfileIsTheFallback) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->profile, "DEFAULT");
  EXPECT_EQ(r->host, "https://default.cloud.databricks.com");
}

TEST(Auth, SettingsDefaultProfileWinsOverDefault) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-settings")}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->profile, "chosen");
  EXPECT_EQ(r->token.revealForRequest(), "dapi-chosen");
}

TEST(Auth, DefaultSectionIsNotInherited) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-default-no-inherit")}}};
  AuthRequest req;
  req.flagProfile = "bare";
  auto r = w.resolve(req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errorText(r).find("no databricks credentials configured for https://bare.cloud.databricks.com"), std::string::npos)
      << errorText(r);
  EXPECT_EQ(errorText(r).find("dapi-default-only"), std::string::npos);
}

TEST(Auth, MissingExplicitProfileIsAnError) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  AuthRequest req;
  req.flagProfile = "nope";
  auto r = w.resolve(req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errorText(r).find(fixture("databrickscfg-basic") + " has no nope profile configured"), std::string::npos);
}

TEST(Auth, HostMatchesOneProfile) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-duplicate-hosts")}}};
  AuthRequest req;
  req.flagHost = "other.cloud.databricks.com";
  auto r = w.resolve(req);
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->profile, "c");
  EXPECT_EQ(r->token.revealForRequest(), "dapi-c");
}

TEST(Auth, HostMatchingSeveralProfilesIsAnError) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-duplicate-hosts")}}};
  AuthRequest req;
  req.flagHost = "https://same.cloud.databricks.com";
  auto r = w.resolve(req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errorText(r).find("https://same.cloud.databricks.com: multiple profiles matched: a, b"), std::string::npos)
      << errorText(r);
}

TEST(Auth, PatAndOAuthTogetherIsAnError) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-mixed")}, {"DATABRICKS_CONFIG_PROFILE", "mixed"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errorText(r).find("more than one authorization method configured: oauth and pat"), std::string::npos);
  w.env["DATABRICKS_AUTH_TYPE"] = "oauth-m2m";
  auto r2 = w.resolve();
  ASSERT_TRUE(r2.ok()) << errorText(r2);
  EXPECT_EQ(r2->type, AuthType::OAuthM2M);
}

TEST(Auth, NothingWorksListsWhatWasTried) {
  World w{{{"HOME", "/nonexistent-home"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  const std::string text = errorText(r);
  EXPECT_NE(text.find("no databricks host configured"), std::string::npos) << text;
  EXPECT_NE(text.find("DATABRICKS_HOST/DATABRICKS_TOKEN: DATABRICKS_HOST unset, DATABRICKS_TOKEN unset"), std::string::npos) << text;
  EXPECT_NE(text.find("DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET: unset"), std::string::npos) << text;
  EXPECT_NE(text.find("profile [DEFAULT] (fallback) in /nonexistent-home/.databrickscfg: file not found"), std::string::npos) << text;
}

TEST(Auth, EmptyEnvValuesCountAsUnset) {
  World w{{{"DATABRICKS_HOST", ""}, {"DATABRICKS_TOKEN", ""}, {"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-basic")}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->profile, "DEFAULT");
}

TEST(Auth, ClientIdWithoutSecretNamesTheMissingOne) {
  World w{{{"DATABRICKS_HOST", "h.databricks.com"}, {"DATABRICKS_CLIENT_ID", "cid"}, {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errorText(r).find("DATABRICKS_CLIENT_SECRET is missing"), std::string::npos);
}

TEST(Auth, NormalizeHost) {
  EXPECT_EQ(normalizeHost("adb-1.azuredatabricks.net"), "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(normalizeHost("https://h.com:443/"), "https://h.com");
  EXPECT_EQ(normalizeHost("http://127.0.0.1:8080/x?o=1"), "http://127.0.0.1:8080");
  EXPECT_EQ(normalizeHost("HTTPS://h.com"), "https://h.com");
}

TEST(Auth, ALineBreakInATokenOrSecretIsRefusedWithoutShowingIt) {
  for (const char* var : {"DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET", "DATABRICKS_CLIENT_ID"}) {
    World w{{{"DATABRICKS_HOST", "https://x.databricks.com"}, {"HOME", "/nonexistent"}}};
    const std::string value = std::string("dapi-secret-7731\r\nX-Injected: yes");
    if (std::string(var) == "DATABRICKS_TOKEN") {
      w.env[var] = value;
    } else {
      w.env["DATABRICKS_CLIENT_ID"] = "cid";
      w.env["DATABRICKS_CLIENT_SECRET"] = "csecret";
      w.env[var] = value;
    }
    auto r = w.resolve();
    ASSERT_FALSE(r.ok()) << var;
    const std::string text = errorText(r);
    EXPECT_NE(text.find("control character"), std::string::npos) << text;
    EXPECT_NE(text.find(std::string("env ") + var), std::string::npos) << text;
    EXPECT_EQ(text.find("dapi-secret-7731"), std::string::npos) << text;
    EXPECT_EQ(text.find("X-Injected"), std::string::npos) << text;
  }
}

TEST(Auth, AHostWithUserInformationIsRefusedWithoutShowingThePassword) {
  World w{{{"DATABRICKS_HOST", "https://admin:pw-5521@x.databricks.com"}, {"DATABRICKS_TOKEN", "dapi-x"},
           {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  const std::string text = errorText(r);
  EXPECT_NE(text.find("user information"), std::string::npos) << text;
  EXPECT_NE(text.find("env DATABRICKS_HOST"), std::string::npos) << text;
  EXPECT_EQ(text.find("pw-5521"), std::string::npos) << text;
}

}  // namespace
}  // namespace cc::providers

namespace cc::providers {
namespace {

TEST(Auth, AManifestHostThatDisagreesWithTheEnvironmentIsAnErrorNamingBoth) {
  World w{{{"DATABRICKS_HOST", "https://other.cloud.databricks.com"}, {"DATABRICKS_TOKEN", "dapi-env"},
           {"HOME", "/nonexistent"}}};
  AuthRequest req;
  req.manifestHost = "https://prod.cloud.databricks.com/";
  auto r = w.resolve(req);
  ASSERT_FALSE(r.ok());
  const std::string text = errorText(r);
  EXPECT_NE(text.find("https://prod.cloud.databricks.com"), std::string::npos) << text;
  EXPECT_NE(text.find("env DATABRICKS_HOST names https://other.cloud.databricks.com"), std::string::npos) << text;
  // The same workspace, spelt differently, is no conflict.
  req.manifestHost = "other.cloud.databricks.com";
  EXPECT_TRUE(w.resolve(req).ok()) << errorText(w.resolve(req));
}

}  // namespace
}  // namespace cc::providers

// Credentials from a signed-in CLI or an Azure service principal: which method is chosen and
// what an error names. Fetching the tokens is tested against the emulator (credential_helpers_test).
namespace cc::providers {
namespace {

namespace fs = std::filesystem;

// A directory with executable files of the given names, removed afterwards.
struct PathDir {
  fs::path dir = fs::temp_directory_path() / ("cc-auth-path-" + std::to_string(::getpid()));
  /// "databricks-legacy" writes a `databricks` under 1 MB.
  explicit PathDir(std::initializer_list<const char*> names) {
    fs::create_directories(dir);
    for (const char* name : names) {
      // The real Databricks CLI is a Go binary of tens of MB; under 1 MB is the legacy Python one.
      const bool legacy = std::string(name) == "databricks-legacy";
      const std::string file = legacy ? "databricks" : name;
      std::ofstream(dir / file) << "#!/bin/sh\nexit 0\n#" << std::string(file == "databricks" && !legacy ? 1u << 20 : 0, 'x');
      fs::permissions(dir / file, fs::perms::owner_all);
    }
  }
  ~PathDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

TEST(AuthHelpers, AProfileWrittenByDatabricksAuthLoginUsesTheCli) {
  PathDir path{"databricks"};
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-azure")}, {"PATH", path.dir.string()}}};
  AuthRequest req;
  req.flagProfile = "cli-login";
  auto r = w.resolve(req);
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->type, AuthType::DatabricksCli);
  EXPECT_EQ(r->helperPath, (path.dir / "databricks").string());
  EXPECT_STREQ(authTypeName(r->type), "databricks-cli");
}

TEST(AuthHelpers, DatabricksCliPathThatIsNotAnExecutableIsNamed) {
  World w{{{"DATABRICKS_HOST", "https://x.cloud.databricks.com"}, {"DATABRICKS_AUTH_TYPE", "databricks-cli"},
           {"DATABRICKS_CLI_PATH", "/nonexistent/databricks"}, {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  const std::string text = errorText(r);
  EXPECT_NE(text.find("auth type databricks-cli: the Databricks CLI was not found"), std::string::npos) << text;
  EXPECT_NE(text.find("databricks CLI at /nonexistent/databricks (env DATABRICKS_CLI_PATH): not an executable file"),
            std::string::npos)
      << text;
}

TEST(AuthHelpers, WithNoCredentialsTheErrorListsTheHelpersTried) {
  PathDir path{};
  World w{{{"DATABRICKS_HOST", "https://x.cloud.databricks.com"}, {"PATH", path.dir.string()}, {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  const std::string text = errorText(r);
  EXPECT_NE(text.find("databricks CLI on PATH: not found"), std::string::npos) << text;
  EXPECT_NE(text.find("azure CLI: https://x.cloud.databricks.com is not an Azure Databricks host"), std::string::npos)
      << text;
  EXPECT_NE(text.find("databricks auth login --host HOST"), std::string::npos) << text;
}

TEST(AuthHelpers, TheLegacyPythonCliOnPathIsPassedOver) {
  PathDir path{"databricks-legacy"};
  World w{{{"DATABRICKS_HOST", "https://x.cloud.databricks.com"}, {"PATH", path.dir.string()}, {"HOME", "/nonexistent"}}};
  const std::string text = errorText(w.resolve());
  EXPECT_NE(text.find("databricks CLI on PATH: only the legacy Python CLI (under 1 MB)"), std::string::npos) << text;
  w.env["DATABRICKS_CLI_PATH"] = (path.dir / "databricks").string();  // named explicitly: used as it is
  EXPECT_TRUE(w.resolve().ok()) << errorText(w.resolve());
}

TEST(AuthHelpers, TheAzureCliIsTriedOnlyForAzureHosts) {
  PathDir path{"az"};
  World w{{{"DATABRICKS_HOST", "https://adb-1.2.azuredatabricks.net"}, {"PATH", path.dir.string()},
           {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->type, AuthType::AzureCli);
  w.env["DATABRICKS_HOST"] = "https://x.cloud.databricks.com";
  EXPECT_FALSE(w.resolve().ok());
  w.env["DATABRICKS_AUTH_TYPE"] = "azure-cli";  // explicit: any host
  ASSERT_TRUE(w.resolve().ok()) << errorText(w.resolve());
}

TEST(AuthHelpers, AzureServicePrincipalFromTheEnvironment) {
  World w{{{"DATABRICKS_HOST", "https://adb-1.2.azuredatabricks.net"}, {"ARM_CLIENT_ID", "app-id"},
           {"ARM_CLIENT_SECRET", "app-secret"}, {"ARM_TENANT_ID", "tenant"}, {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->type, AuthType::AzureClientSecret);
  EXPECT_EQ(r->azureClientId, "app-id");
  EXPECT_EQ(r->azureClientSecret.revealForRequest(), "app-secret");
  EXPECT_EQ(r->azureLoginUrl, "https://login.microsoftonline.com");
  EXPECT_EQ(sourceOf(*r, "azure_client_secret"), "env ARM_CLIENT_SECRET");
  w.env["AZURE_AUTHORITY_HOST"] = "https://login.example.test/";
  EXPECT_EQ(w.resolve()->azureLoginUrl, "https://login.example.test");
}

TEST(AuthHelpers, AzureServicePrincipalFromAProfileInAnotherCloud) {
  World w{{{"DATABRICKS_CONFIG_FILE", fixture("databrickscfg-azure")}, {"DATABRICKS_CONFIG_PROFILE", "azure-sp"}}};
  auto r = w.resolve();
  ASSERT_TRUE(r.ok()) << errorText(r);
  EXPECT_EQ(r->type, AuthType::AzureClientSecret);
  EXPECT_EQ(r->azureTenantId, "tenant-in-file");
  EXPECT_EQ(r->azureLoginUrl, "https://login.microsoftonline.us");
}

TEST(AuthHelpers, AzureServicePrincipalErrorsNameWhatIsMissingNeverTheSecret) {
  World w{{{"DATABRICKS_HOST", "https://adb-1.2.azuredatabricks.net"}, {"ARM_CLIENT_ID", "app-id"},
           {"ARM_CLIENT_SECRET", "app-secret-77"}, {"ARM_ENVIRONMENT", "mars"}, {"HOME", "/nonexistent"}}};
  auto r = w.resolve();
  ASSERT_FALSE(r.ok());
  const std::string text = errorText(r);
  EXPECT_NE(text.find("missing: ARM_TENANT_ID (azure_tenant_id)"), std::string::npos) << text;
  EXPECT_NE(text.find("azure_environment \"mars\" (env ARM_ENVIRONMENT) is not an Azure cloud"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("app-secret-77"), std::string::npos) << text;
  w.env["ARM_TENANT_ID"] = "t";
  w.env.erase("ARM_ENVIRONMENT");
  w.env["DATABRICKS_TOKEN"] = "dapi-too";
  const std::string both = errorText(w.resolve());
  EXPECT_NE(both.find("more than one authorization method configured: azure-client-secret and pat"), std::string::npos)
      << both;
}

TEST(AuthHelpers, UnknownAuthTypeListsTheSupportedOnes) {
  World w{{{"DATABRICKS_HOST", "https://x.cloud.databricks.com"}, {"DATABRICKS_AUTH_TYPE", "github-oidc"},
           {"HOME", "/nonexistent"}}};
  const std::string text = errorText(w.resolve());
  EXPECT_NE(text.find("pat, oauth-m2m, azure-client-secret, databricks-cli or azure-cli"), std::string::npos) << text;
}

}  // namespace
}  // namespace cc::providers
