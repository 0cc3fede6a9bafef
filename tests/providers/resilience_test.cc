// Retries, Retry-After, lost responses without duplicates, TLS and URL policy, OAuth M2M,
// the connection pool and --debug masking — all against workspace-emulator.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "emulator_client.h"
#include "providers/http_client.h"
#include "providers/kind_provider.h"
#include "support/child_process.h"

namespace cc::providers {
namespace {

using test_support::EmulatorProcess;
using testing::EmulatorClient;

std::unique_ptr<EmulatorProcess> start(std::vector<std::string> args) {
  auto e = std::make_unique<EmulatorProcess>(testing::emulatorBinary(), std::move(args));
  return e;
}

HttpClientConfig config(const std::string& url) {
  HttpClientConfig c;
  c.baseUrl = url;
  return c;
}

nlohmann::json connectionBody(const std::string& name) {
  return {{"name", name}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"}, {"options", {{"sourceName", "github"}}}};
}

TEST(Resilience, RetryAfterOf429IsHonouredWithoutSleeping) {
  auto emulator = start({"--fault-at", "1:429", "--retry-after", "7"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto me = c.api->me();
  ASSERT_TRUE(me.ok()) << me.error().oneLine();
  EXPECT_EQ(c.client->requestsSent(), 2u);
  EXPECT_EQ(c.sleeper.sleeps(), std::vector<Millis>{Millis(7000)});
}

TEST(Resilience, CreateIsResentAfter503BecauseNothingHappened) {
  auto emulator = start({"--fault-at", "1:503", "--retry-after", "2"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto r = c.api->createConnection(connectionBody("after_503"));
  ASSERT_TRUE(r.ok()) << r.error().oneLine();
  EXPECT_EQ(c.client->requestsSent(), 2u);
  EXPECT_EQ(c.sleeper.sleeps(), std::vector<Millis>{Millis(2000)});
  auto all = c.api->listConnections();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(std::count_if(all->begin(), all->end(), [](auto& j) { return j.value("name", "") == "after_503"; }), 1);
}

TEST(Resilience, IdempotentReadIsRetriedAfterADrop) {
  auto emulator = start({"--fault-at", "1:drop"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto r = c.api->getStatus("/Users");
  ASSERT_TRUE(r.ok()) << r.error().oneLine();
  EXPECT_EQ(c.client->requestsSent(), 2u);
  EXPECT_EQ(c.sleeper.sleeps().size(), 1u);  // one backoff
}

TEST(Resilience, LostPipelineCreateIsLookedUpNotDuplicated) {
  auto emulator = start({"--fault-at", "1:commit-drop"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto id = c.api->createPipeline({{"name", "lost_create"}, {"catalog", "main"}, {"target", "github"}});
  ASSERT_TRUE(id.ok()) << id.error().oneLine();
  auto found = c.api->findPipelinesByName("lost_create");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().pipelineId, id.value());
  EXPECT_EQ(c.client->requestsSent(), 3u);  // POST (lost), lookup list, the check above — no second POST
}

TEST(Resilience, LostConnectionCreateIsLookedUpNotDuplicated) {
  auto emulator = start({"--fault-at", "1:commit-drop"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto r = c.api->createConnection(connectionBody("lost_conn"));
  ASSERT_TRUE(r.ok()) << r.error().oneLine();
  EXPECT_EQ(r->value("name", ""), "lost_conn");
  EXPECT_EQ(c.client->requestsSent(), 2u);  // POST (lost) + GET by name
}

TEST(Resilience, LostRepoCreateIsLookedUpNotDuplicated) {
  auto emulator = start({"--fault-at", "2:commit-drop"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  ASSERT_TRUE(c.api->mkdirs("/Users/alice@example.com/lost").ok());
  auto r = c.api->createRepo({{"url", "https://github.com/databrickslabs/lakeflow-community-connectors.git"},
                              {"provider", "gitHub"},
                              {"path", "/Users/alice@example.com/lost/repo"}});
  ASSERT_TRUE(r.ok()) << r.error().oneLine();
  auto repos = c.api->listRepos("/Users/alice@example.com/lost");
  ASSERT_TRUE(repos.ok());
  EXPECT_EQ(repos->size(), 1u);
}

TEST(Resilience, ServerErrorOnCreateLooksUpThenResends) {
  auto emulator = start({"--fault-at", "1:500"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto r = c.api->createConnection(connectionBody("after_500"));
  ASSERT_TRUE(r.ok()) << r.error().oneLine();
  EXPECT_EQ(c.client->requestsSent(), 3u);  // POST 500, GET 404, POST 200
}

TEST(Resilience, UntrustedCertificateIsRefused) {
  auto emulator = start({});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  HttpClientConfig untrusted = config(emulator->url());
  untrusted.useSystemCas = false;
  auto http = HttpClient::create(untrusted);
  ASSERT_TRUE(http.ok());
  auto outcome = http.value()->send({"GET", "/api/2.0/preview/scim/v2/Me", {}, {}, "", ""});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure.kind, TransportFailureKind::Tls) << outcome.failure.message;

  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto trusted = c.api->me();
  EXPECT_TRUE(trusted.ok());
}

TEST(Resilience, ACertificateForAnotherNameIsRefusedOnLoopbackToo) {
  // A self-signed certificate, trusted as a CA, that names attacker.example only.
  char pattern[] = "/tmp/cc-tls-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=attacker.example "
                              "-addext subjectAltName=DNS:attacker.example -keyout " + dir + "/key.pem -out " + dir +
                              "/cert.pem >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "openssl (installed by scripts/bootstrap.sh) must be on PATH";
  auto emulator = start({"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  for (const std::string host : {"127.0.0.1", "localhost"}) {
    HttpClientConfig c = config("https://" + host + ":" + std::to_string(emulator->port()));
    c.useSystemCas = false;
    c.caFile = dir + "/cert.pem";
    auto http = HttpClient::create(c);
    ASSERT_TRUE(http.ok());
    auto outcome = http.value()->send({"GET", "/api/2.0/preview/scim/v2/Me", {}, {}, "", ""});
    ASSERT_FALSE(outcome.ok()) << host << ": a certificate for attacker.example was accepted";
    EXPECT_EQ(outcome.failure.kind, TransportFailureKind::Tls) << outcome.failure.message;
  }
  std::filesystem::remove_all(dir);
}

TEST(Resilience, AHeaderValueWithALineBreakIsNeverSent) {
  auto emulator = start({});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  HttpClientConfig c = config(emulator->url());
  c.useSystemCas = false;
  c.caFile = emulator->caFile();
  auto http = HttpClient::create(c);
  ASSERT_TRUE(http.ok());
  auto outcome = http.value()->send(
      {"GET", "/api/2.0/preview/scim/v2/Me", {}, {{"Authorization", "Bearer x\r\nX-Injected: 1"}}, "", ""});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure.kind, TransportFailureKind::Refused);
  EXPECT_EQ(outcome.failure.message.find("X-Injected"), std::string::npos) << outcome.failure.message;
  EXPECT_EQ(test_support::requestCount(emulator->requestLogPath()), 0u) << "nothing reached the server";
}

std::shared_ptr<WorkspaceClient> clientWithBudget(const EmulatorProcess& emulator, Millis budget,
                                                  const std::atomic<bool>* cancel) {
  ConnectionSettings s;
  const std::map<std::string, std::string> env = {
      {"DATABRICKS_HOST", emulator.url()}, {"DATABRICKS_TOKEN", emulator.token()}, {"HOME", "/nonexistent"}};
  s.env = [env](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  s.caFile = emulator.caFile();
  s.useSystemCas = false;
  s.rateLimit.enabled = false;
  s.retry.totalBudget = budget;
  s.cancel = cancel;
  auto made = connect(s);
  return made ? made.value() : nullptr;
}

TEST(Resilience, ADrippingAnswerEndsWithinTheCallsBudget) {
  // The server drips its answer for hours; the call, retries included, ends at its budget.
  auto emulator = start({"--hostile", "slow-drip"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  auto client = clientWithBudget(*emulator, Millis{1500}, nullptr);
  ASSERT_NE(client, nullptr);
  auto r = client->call({"GET", "/api/2.0/preview/scim/v2/Me", {}, std::nullopt, std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::LostResponse) << r.error().oneLine();
  EXPECT_EQ(test_support::requestCount(emulator->requestLogPath()), 1u) << "no retry past the budget";
}

TEST(Resilience, AnInterruptionAbandonsTheAnswerInFlightAndSendsNothingMore) {
  auto emulator = start({"--hostile", "slow-drip"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  std::atomic<bool> cancel{false};
  auto client = clientWithBudget(*emulator, Millis{300000}, &cancel);
  ASSERT_NE(client, nullptr);
  std::optional<ApiResult<nlohmann::json>> result;
  std::thread caller([&] { result = client->call({"GET", "/api/2.0/preview/scim/v2/Me", {}, std::nullopt, std::nullopt}); });
  // The emulator logs a hostile answer as it starts it: then the call is waiting on the drip.
  while (test_support::requestCount(emulator->requestLogPath()) < 1) std::this_thread::yield();
  cancel = true;
  caller.join();
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error().kind, ApiErrorKind::Cancelled) << result->error().oneLine();
  auto after = client->call({"GET", "/api/2.0/preview/scim/v2/Me", {}, std::nullopt, std::nullopt});
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().kind, ApiErrorKind::Cancelled);
  EXPECT_EQ(test_support::requestCount(emulator->requestLogPath()), 1u) << "nothing is sent once interrupted";
}

TEST(Resilience, AnUnreachableHostFailsAtOnceNamingIt) {
  // Nothing listens on the port of a stopped emulator; a name that does not resolve.
  auto stopped = start({});
  ASSERT_TRUE(stopped->ok()) << stopped->error();
  const int port = stopped->port();
  const std::string ca = stopped->caFile();
  stopped->stop();
  const std::vector<std::pair<std::string, std::string>> hosts = {
      {"https://127.0.0.1:" + std::to_string(port), "127.0.0.1"}, {"https://no-such-host.invalid", "no-such-host.invalid"}};
  for (const auto& [host, named] : hosts) {
    ConnectionSettings s;
    const std::map<std::string, std::string> env = {{"DATABRICKS_HOST", host}, {"DATABRICKS_TOKEN", "dapi-x"}, {"HOME", "/nonexistent"}};
    s.env = [env](const std::string& k) -> std::optional<std::string> {
      auto it = env.find(k);
      return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    s.caFile = ca;
    s.useSystemCas = false;
    s.rateLimit.enabled = false;
    auto client = connect(s);
    ASSERT_TRUE(client.ok());
    auto r = client.value()->call({"GET", "/api/2.0/preview/scim/v2/Me", {}, std::nullopt, std::nullopt});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ApiErrorKind::Transport) << r.error().oneLine();
    EXPECT_EQ(r.error().attempts, 1) << "no retry can heal it: " << r.error().oneLine();
    EXPECT_EQ(client.value()->requestsSent(), 1u);
    EXPECT_NE(r.error().oneLine().find(named), std::string::npos) << r.error().oneLine();
  }
}

TEST(Resilience, PlainHttpOnlyToLoopback) {
  auto refused = HttpClient::create(config("http://example.com"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ApiErrorKind::Refused);
  EXPECT_NE(refused.error().message.find("refusing plain http to non-loopback host 'example.com'"), std::string::npos);
  EXPECT_TRUE(HttpClient::create(config("http://127.0.0.2:9")).ok());
  EXPECT_TRUE(HttpClient::create(config("http://localhost:9")).ok());
  EXPECT_TRUE(HttpClient::create(config("http://[::1]:9")).ok());
  EXPECT_FALSE(HttpClient::create(config("ftp://127.0.0.1")).ok());

  ConnectionSettings s;
  s.env = [](const std::string& k) -> std::optional<std::string> {
    if (k == "DATABRICKS_HOST") return "http://10.1.2.3";
    if (k == "DATABRICKS_TOKEN") return "dapi-x";
    return std::nullopt;
  };
  auto r = connect(s);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics().items()[0].summary.find("refusing plain http"), std::string::npos);
}

TEST(Resilience, OAuthM2MTokenIsCachedAndRefreshedBeforeExpiry) {
  auto emulator = start({"--client", "sp-id:sp-secret", "--token-ttl", "600"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  c.env["DATABRICKS_CLIENT_ID"] = "sp-id";
  c.env["DATABRICKS_CLIENT_SECRET"] = "sp-secret";
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  EXPECT_EQ(c.client->auth().type, AuthType::OAuthM2M);
  auto me = c.api->currentUserName();
  ASSERT_TRUE(me.ok()) << me.error().oneLine();
  EXPECT_EQ(me.value(), "sp-id");
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(c.client->tokens().tokensFetched(), 1);
  c.clock.advance(Millis(301000));  // ttl 600 s: refreshed 300 s before expiry
  ASSERT_TRUE(c.api->me().ok());
  EXPECT_EQ(c.client->tokens().tokensFetched(), 2);
}

TEST(Resilience, OAuthWithWrongSecretIsAnAuthError) {
  auto emulator = start({"--client", "sp-id:sp-secret"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  c.env["DATABRICKS_CLIENT_ID"] = "sp-id";
  c.env["DATABRICKS_CLIENT_SECRET"] = "wrong-secret";
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  auto me = c.api->me();
  ASSERT_FALSE(me.ok());
  EXPECT_EQ(me.error().kind, ApiErrorKind::Auth);
  EXPECT_EQ(me.error().oneLine().find("wrong-secret"), std::string::npos);
}

TEST(Resilience, ParallelWorkersShareThePool) {
  auto emulator = start({});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(*emulator)) << c.error;
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        if (!c.api->me().ok()) ++failures;
    });
  for (auto& t : workers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(c.client->requestsSent(), 40u);
  EXPECT_LE(c.client->http().connectionsOpened(), 4u);
  EXPECT_GE(c.client->http().connectionsOpened(), 1u);
}

TEST(Resilience, DebugOutputNeverShowsSecrets) {
  const std::string token = "dapi-SENTINEL-token-7f3a";
  const std::string optionSecret = "ghp-SENTINEL-option-91bc";
  auto emulator = start({"--token", token, "--client", "dbg-id:SENTINEL-client-secret"});
  ASSERT_TRUE(emulator->ok()) << emulator->error();
  EmulatorClient c;
  c.env["DATABRICKS_TOKEN"] = token;
  ASSERT_TRUE(c.connectTo(*emulator, true)) << c.error;
  auto api = std::make_shared<WorkspaceApi>(c.client);
  ConnectionProvider provider(api);
  engine::DesiredResource desired;
  desired.key = {engine::ResourceKind::Connection, "dbg_conn"};
  desired.fields = connectionBody("dbg_conn");
  desired.secrets["options.token"] = engine::Secret(optionSecret, "${env.GITHUB_TOKEN}");
  auto created = provider.create(desired);
  ASSERT_TRUE(created.ok()) << created.diagnostics().items()[0].summary;
  // A raw option the masker does not know is still masked by key.
  ASSERT_TRUE(c.api->updateConnection("dbg_conn", {{"options", {{"sourceName", "github"}, {"apiKey", "plain-SENTINEL-key"}}}}).ok());

  EmulatorClient oauth;
  oauth.env["DATABRICKS_CLIENT_ID"] = "dbg-id";
  oauth.env["DATABRICKS_CLIENT_SECRET"] = "SENTINEL-client-secret";
  ASSERT_TRUE(oauth.connectTo(*emulator, true)) << oauth.error;
  ASSERT_TRUE(oauth.api->me().ok());

  const std::string out = c.debug.str() + oauth.debug.str();
  EXPECT_NE(out.find("POST " + emulator->url() + "/api/2.1/unity-catalog/connections"), std::string::npos);
  EXPECT_NE(out.find("Authorization: Bearer ***"), std::string::npos);
  EXPECT_NE(out.find("/oidc/v1/token"), std::string::npos);
  EXPECT_EQ(out.find("SENTINEL"), std::string::npos) << out;
}

}  // namespace
}  // namespace cc::providers
