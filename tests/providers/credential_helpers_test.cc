// The credentials a user brings: a signed-in Databricks CLI, the Azure CLI and an Azure service
// principal. The CLIs are fake executables (shell scripts that log their arguments and print
// what the real ones print); the Entra ID token endpoint is the emulator's. Every request goes
// to the emulator over TLS with the token the helper produced.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator_client.h"
#include "providers/cli_token.h"
#include "providers/external_command.h"

namespace cc::providers {
namespace {

namespace fs = std::filesystem;
using test_support::EmulatorProcess;
using testing::EmulatorClient;

std::string helperLogText(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A directory holding fake helper programs; each logs its argument list, one call per line.
struct FakeHelpers {
  fs::path dir;
  FakeHelpers() {
    dir = fs::temp_directory_path() / ("cc-helpers-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir);
  }
  ~FakeHelpers() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // `body` runs after the arguments are logged to <name>.log. A `databricks` is padded past
  // 1 MB: smaller ones on PATH are taken for the legacy Python CLI and passed over.
  std::string write(const std::string& name, const std::string& body) {
    const fs::path path = dir / name;
    std::ofstream(path) << "#!/bin/sh\necho \"$*\" >> '" << (dir / (name + ".log")).string() << "'\n"
                        << body << "\n"
                        << (name == "databricks" ? "#" + std::string(1u << 20, 'x') + "\n" : "");
    fs::permissions(path, fs::perms::owner_all);
    return path.string();
  }
  std::string log(const std::string& name) const { return helperLogText(dir / (name + ".log")); }
  int calls(const std::string& name) const {
    const std::string l = log(name);
    return static_cast<int>(std::count(l.begin(), l.end(), '\n'));
  }
};

// The shell prints an RFC 3339 expiry `seconds` from now, as `databricks auth token` does.
std::string databricksCliPrinting(const std::string& token, int seconds) {
  return "printf '{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expiry\": \"%s\"}\\n' '" + token +
         "' \"$(date -u -d '+" + std::to_string(seconds) + " seconds' +%Y-%m-%dT%H:%M:%S.123456+00:00)\"";
}

std::unique_ptr<EmulatorProcess> startEmulator(std::vector<std::string> args = {}) {
  return std::make_unique<EmulatorProcess>(testing::emulatorBinary(), std::move(args));
}

TEST(CredentialHelpers, DatabricksCliTokenIsUsedAndRefreshedBeforeExpiry) {
  auto emulator = startEmulator();
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  FakeHelpers helpers;
  EmulatorClient c;
  c.env["PATH"] = helpers.dir.string();
  helpers.write("databricks", databricksCliPrinting(emulator->token(), 600));
  c.env["DATABRICKS_AUTH_TYPE"] = "databricks-cli";
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  EXPECT_EQ(c.client->auth().type, AuthType::DatabricksCli);
  ASSERT_TRUE(c.api->me().ok());
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(helpers.log("databricks"), "auth token --host " + emulator->url() + "\n");  // once: cached
  c.clock.advance(Millis(301000));  // 600 s tokens are refreshed 300 s before they expire
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(helpers.calls("databricks"), 2);
}

TEST(CredentialHelpers, DatabricksCliOnPathIsTriedWhenNothingElseIsConfigured) {
  auto emulator = startEmulator();
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  FakeHelpers helpers;
  helpers.write("databricks", databricksCliPrinting(emulator->token(), 3600));
  EmulatorClient c;
  c.env["PATH"] = "/nonexistent-dir:" + helpers.dir.string();
  c.env["DATABRICKS_AUTH_TYPE"] = "";  // counts as unset; keeps the fixture from adding a PAT
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  EXPECT_EQ(c.client->auth().type, AuthType::DatabricksCli);
  EXPECT_EQ(c.client->auth().helperPath, (helpers.dir / "databricks").string());
  ASSERT_TRUE(c.api->me().ok());
}

TEST(CredentialHelpers, DatabricksCliFailureSaysHowToSignIn) {
  auto emulator = startEmulator();
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  FakeHelpers helpers;
  helpers.write("databricks", "echo 'Error: cache: databricks OAuth is not configured for this host' >&2; exit 1");
  EmulatorClient c;
  c.env["PATH"] = helpers.dir.string();
  c.env["DATABRICKS_AUTH_TYPE"] = "databricks-cli";
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto me = c.api->me();
  ASSERT_FALSE(me.ok());
  EXPECT_EQ(me.error().kind, ApiErrorKind::Auth);
  const std::string line = me.error().oneLine();
  EXPECT_NE(line.find("auth token --host " + emulator->url() + " failed (exit 1): Error: cache: databricks OAuth is "
                      "not configured for this host"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("databricks auth login --host " + emulator->url()), std::string::npos) << line;
}

TEST(CredentialHelpers, DatabricksCliTokenNeverReachesTheDebugLog) {
  auto emulator = startEmulator();
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  FakeHelpers helpers;
  helpers.write("databricks", databricksCliPrinting(emulator->token(), 3600));
  EmulatorClient c;
  c.env["PATH"] = helpers.dir.string();
  c.env["DATABRICKS_AUTH_TYPE"] = "databricks-cli";
  ASSERT_TRUE(c.connectTo(*emulator, /*debugOn=*/true)) << c.error;
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_NE(c.debug.str().find("auth token --host"), std::string::npos);
  EXPECT_EQ(c.debug.str().find(emulator->token()), std::string::npos);
}

TEST(CredentialHelpers, AzureCliTokenForTheAzureDatabricksResource) {
  auto emulator = startEmulator();
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  FakeHelpers helpers;
  helpers.write("az", "printf '{\"accessToken\": \"" + emulator->token() +
                          "\", \"expires_on\": %s, \"tokenType\": \"Bearer\"}' \"$(( $(date +%s) + 3600 ))\"");
  EmulatorClient c;
  c.env["PATH"] = helpers.dir.string();
  c.env["DATABRICKS_AUTH_TYPE"] = "azure-cli";
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  EXPECT_EQ(c.client->auth().type, AuthType::AzureCli);
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(helpers.log("az"),
            "account get-access-token --resource 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d --output json\n");
}

TEST(CredentialHelpers, AzureServicePrincipalThroughTheEntraTokenEndpoint) {
  auto emulator = startEmulator({"--client", "azure-sp:azure-secret", "--token-ttl", "900"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  c.env["ARM_CLIENT_ID"] = "azure-sp";
  c.env["ARM_CLIENT_SECRET"] = "azure-secret";
  c.env["ARM_TENANT_ID"] = "tenant-1";
  c.env["AZURE_AUTHORITY_HOST"] = emulator->url();
  ASSERT_TRUE(c.connectTo(*emulator, /*debugOn=*/true)) << c.error;
  EXPECT_EQ(c.client->auth().type, AuthType::AzureClientSecret);
  auto me = c.api->currentUserName();
  ASSERT_TRUE(me.ok()) << me.error().oneLine();
  EXPECT_EQ(me.value(), "azure-sp");
  EXPECT_NE(c.debug.str().find("POST " + emulator->url() + "/tenant-1/oauth2/token"), std::string::npos)
      << c.debug.str();
  EXPECT_EQ(c.debug.str().find("azure-secret"), std::string::npos);
  c.clock.advance(Millis(599000));  // 900 s (a string in Entra's answer): refreshed 300 s before expiry
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(c.client->tokens().tokensFetched(), 1);
  c.clock.advance(Millis(2000));
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(c.client->tokens().tokensFetched(), 2);
}

TEST(CredentialHelpers, AzureServicePrincipalWithAWrongSecretNamesThePrincipalNotTheSecret) {
  auto emulator = startEmulator({"--client", "azure-sp:azure-secret"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  c.env["ARM_CLIENT_ID"] = "azure-sp";
  c.env["ARM_CLIENT_SECRET"] = "not-the-secret";
  c.env["ARM_TENANT_ID"] = "tenant-1";
  c.env["AZURE_AUTHORITY_HOST"] = emulator->url();
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto me = c.api->me();
  ASSERT_FALSE(me.ok());
  EXPECT_EQ(me.error().kind, ApiErrorKind::Auth);
  EXPECT_NE(me.error().oneLine().find("Azure service principal azure-sp failed"), std::string::npos)
      << me.error().oneLine();
  EXPECT_NE(me.error().oneLine().find("AADSTS7000215"), std::string::npos) << me.error().oneLine();
  EXPECT_EQ(me.error().oneLine().find("not-the-secret"), std::string::npos);
}

TEST(CredentialHelpers, ExternalCommandStopsAHelperThatHangs) {
  FakeHelpers helpers;
  const std::string hang = helpers.write("hang", "echo waiting >&2; exec sleep 30");
  const auto started = std::chrono::steady_clock::now();
  const CommandOutput out = runExternalCommand({hang}, std::chrono::milliseconds(200));
  EXPECT_TRUE(out.timedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  EXPECT_EQ(runExternalCommand({(helpers.dir / "missing").string()}, std::chrono::seconds(5)).started, false);
}

TEST(CredentialHelpers, FindExecutableNeverSearchesTheCurrentDirectory) {
  FakeHelpers helpers;
  helpers.write("databricks", "exit 0");
  const auto cwd = fs::current_path();
  fs::current_path(helpers.dir);
  EXPECT_EQ(findExecutable("databricks", ""), std::nullopt);
  EXPECT_EQ(findExecutable("databricks", ":/nonexistent"), std::nullopt);
  fs::current_path(cwd);
  EXPECT_EQ(findExecutable("databricks", "/nonexistent:" + helpers.dir.string()),
            (helpers.dir / "databricks").string());
}

TEST(CliTokens, Rfc3339TimesWithFractionsAndOffsets) {
  EXPECT_EQ(parseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseRfc3339("2026-12-06T10:00:00.123456789Z"), 1796551200);
  EXPECT_EQ(parseRfc3339("2026-12-06T11:30:00+01:30"), 1796551200);
  EXPECT_EQ(parseRfc3339("2026-12-06T08:00:00-02:00"), 1796551200);
  EXPECT_EQ(parseRfc3339("2026-12-06T10:00:00"), std::nullopt);  // no zone: ambiguous
  EXPECT_EQ(parseRfc3339("yesterday"), std::nullopt);
  EXPECT_EQ(parseRfc3339("2026-12-06T10:00:00+0100"), std::nullopt);
}

TEST(CliTokens, DatabricksCliOutput) {
  auto t = parseDatabricksCliToken(R"({"access_token":"tok","token_type":"Bearer","expiry":"2026-12-06T10:10:00Z"})",
                                   1796551200);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->accessToken, "tok");
  EXPECT_EQ(t->lifetimeSeconds, 600);
  EXPECT_FALSE(parseDatabricksCliToken(R"({"access_token":"tok"})", 0).ok());  // no expiry
  EXPECT_FALSE(parseDatabricksCliToken(R"({"expiry":"2026-12-06T10:10:00Z"})", 0).ok());
  EXPECT_FALSE(parseDatabricksCliToken("Error: not logged in", 0).ok());
}

TEST(CliTokens, AzureCliOutputPrefersEpochExpiry) {
  auto t = parseAzureCliToken(
      R"({"accessToken":"az-tok","expiresOn":"1999-01-01 00:00:00.000000","expires_on":1796551800,"tokenType":"Bearer"})",
      1796551200);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->accessToken, "az-tok");
  EXPECT_EQ(t->lifetimeSeconds, 600);
  auto local = parseAzureCliToken(R"({"accessToken":"az-tok","expiresOn":"2026-12-06 10:10:00.000000"})", 0);
  ASSERT_TRUE(local.ok());
  EXPECT_GT(local->lifetimeSeconds, 1796551200 - 15 * 3600);  // local time: within any zone's offset
  EXPECT_FALSE(parseAzureCliToken(R"({"access_token":"wrong-field","expires_on":1})", 0).ok());
}

}  // namespace
}  // namespace cc::providers
