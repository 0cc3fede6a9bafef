#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "emulator/test_client.h"

namespace cc::emulator::test {
namespace {

const char kPath[] = "/api/2.1/unity-catalog/connections";

class ConnectionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = new test_support::EmulatorProcess(CC_EMULATOR_BINARY); }
  static void TearDownTestSuite() { delete emulator_; }
  void SetUp() override {
    ASSERT_TRUE(emulator_->ok()) << emulator_->error();
    client_ = std::make_unique<TestClient>(*emulator_);
    client_->send("POST", "/__emulator/reset", "");
  }

  static nlohmann::json githubConnection(const std::string& name) {
    return {{"name", name},
            {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
            {"options", {{"token", "ghp_secret_value"}, {"sourceName", "github"},
                         {"externalOptionsAllowList", "tableName,tableNameList"}}},
            {"comment", "created by lakeflow community-connector CLI tool"}};
  }

  static test_support::EmulatorProcess* emulator_;
  std::unique_ptr<TestClient> client_;
};
test_support::EmulatorProcess* ConnectionsTest::emulator_ = nullptr;

TEST_F(ConnectionsTest, CreateFillsServerFieldsAndHidesSecretOptions) {
  TestResponse created = client_->post(kPath, githubConnection("my_github_conn"));
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json["name"], "my_github_conn");
  EXPECT_EQ(created.json["full_name"], "my_github_conn");
  EXPECT_EQ(created.json["connection_type"], "GENERIC_LAKEFLOW_CONNECT");
  EXPECT_EQ(created.json["owner"], "alice@example.com");
  EXPECT_EQ(created.json["created_by"], "alice@example.com");
  EXPECT_EQ(created.json["securable_type"], "CONNECTION");
  EXPECT_EQ(created.json["provisioning_info"]["state"], "ACTIVE");
  EXPECT_EQ(created.json["read_only"], false);
  EXPECT_TRUE(created.json["created_at"].is_number_integer());
  EXPECT_EQ(created.json["connection_id"].get<std::string>().size(), 36u);
  EXPECT_EQ(created.json["options"], (nlohmann::json{{"sourceName", "github"},
                                                      {"externalOptionsAllowList", "tableName,tableNameList"}}));
  EXPECT_EQ(created.body.find("ghp_secret_value"), std::string::npos);

  TestResponse got = client_->get(std::string(kPath) + "/my_github_conn");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json, created.json);
  EXPECT_EQ(got.body.find("ghp_secret_value"), std::string::npos);
}

TEST_F(ConnectionsTest, TypedConnectionsHideOnlyCredentialKeys) {
  TestResponse created = client_->post(kPath, {{"name", "pg"}, {"connection_type", "POSTGRESQL"},
                                               {"options", {{"host", "db"}, {"port", "5432"},
                                                            {"user", "u"}, {"password", "p"}}}});
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json["options"], (nlohmann::json{{"host", "db"}, {"port", "5432"}}));
  EXPECT_EQ(created.json["credential_type"], "USERNAME_PASSWORD");
}

TEST_F(ConnectionsTest, NamesAreUniqueCaseInsensitively) {
  ASSERT_EQ(client_->post(kPath, githubConnection("my_github_conn")).status, 200);
  TestResponse duplicate = client_->post(kPath, githubConnection("MY_GITHUB_CONN"));
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.json["error_code"], "RESOURCE_ALREADY_EXISTS");
  EXPECT_EQ(duplicate.json["message"], "Connection 'MY_GITHUB_CONN' already exists");
  EXPECT_EQ(client_->get(std::string(kPath) + "/My_Github_Conn").status, 200);
}

TEST_F(ConnectionsTest, CreateValidatesFields) {
  nlohmann::json noType = githubConnection("x");
  noType.erase("connection_type");
  EXPECT_EQ(client_->post(kPath, noType).json["error_code"], "INVALID_PARAMETER_VALUE");
  nlohmann::json badOption = githubConnection("x");
  badOption["options"]["port"] = 5432;
  EXPECT_EQ(client_->post(kPath, badOption).status, 400);
  EXPECT_EQ(client_->post(kPath, githubConnection("a.b")).status, 400);
  EXPECT_EQ(client_->send("POST", kPath, "{not json").json["error_code"], "MALFORMED_REQUEST");
}

TEST_F(ConnectionsTest, UpdateReplacesOptionsWholeAndToleratesName) {
  ASSERT_EQ(client_->post(kPath, githubConnection("c1")).status, 200);
  TestResponse updated = client_->patch(std::string(kPath) + "/c1",
                                        {{"name", "c1"}, {"options", {{"token", "new"}, {"sourceName", "gh2"}}}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json["options"], (nlohmann::json{{"sourceName", "gh2"}}));  // allow list gone
  EXPECT_EQ(updated.json["comment"], "created by lakeflow community-connector CLI tool");
  EXPECT_GT(updated.json["updated_at"].get<int64_t>(), updated.json["created_at"].get<int64_t>() - 1);

  TestResponse ownerOnly = client_->patch(std::string(kPath) + "/c1", {{"owner", "bob@example.com"}});
  ASSERT_EQ(ownerOnly.status, 200);
  EXPECT_EQ(ownerOnly.json["owner"], "bob@example.com");
  EXPECT_EQ(ownerOnly.json["options"], (nlohmann::json{{"sourceName", "gh2"}}));  // unchanged
}

TEST_F(ConnectionsTest, UpdateRejectsImmutableFieldsAndRenames) {
  ASSERT_EQ(client_->post(kPath, githubConnection("c1")).status, 200);
  ASSERT_EQ(client_->post(kPath, githubConnection("c2")).status, 200);
  for (const char* field : {"comment", "properties", "read_only", "connection_type"}) {
    nlohmann::json body = {{"options", {{"sourceName", "x"}}}};
    body[field] = std::string(field) == "read_only" ? nlohmann::json(true) : nlohmann::json("x");
    if (std::string(field) == "properties") body[field] = {{"a", "b"}};
    TestResponse rejected = client_->patch(std::string(kPath) + "/c1", body);
    EXPECT_EQ(rejected.status, 400) << field;
    EXPECT_EQ(rejected.json["error_code"], "INVALID_PARAMETER_VALUE") << field;
  }
  EXPECT_EQ(client_->patch(std::string(kPath) + "/c1", {{"new_name", "C2"}}).status, 409);
  TestResponse renamed = client_->patch(std::string(kPath) + "/c1", {{"new_name", "c3"}});
  ASSERT_EQ(renamed.status, 200);
  EXPECT_EQ(renamed.json["name"], "c3");
  EXPECT_EQ(renamed.json["full_name"], "c3");
  EXPECT_EQ(client_->get(std::string(kPath) + "/c1").status, 404);
  EXPECT_EQ(client_->get(std::string(kPath) + "/c3").status, 200);
}

TEST_F(ConnectionsTest, MissingConnectionIs404Everywhere) {
  for (TestResponse response : {client_->get(std::string(kPath) + "/nope"),
                                client_->patch(std::string(kPath) + "/nope", {{"options", {{"a", "b"}}}}),
                                client_->del(std::string(kPath) + "/nope")}) {
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.json["error_code"], "RESOURCE_DOES_NOT_EXIST");
    EXPECT_EQ(response.json["message"], "Connection 'nope' does not exist.");
  }
}

TEST_F(ConnectionsTest, DeleteRemoves) {
  ASSERT_EQ(client_->post(kPath, githubConnection("gone")).status, 200);
  TestResponse deleted = client_->del(std::string(kPath) + "/gone");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.json, nlohmann::json::object());
  EXPECT_EQ(client_->get(std::string(kPath) + "/gone").status, 404);
}

TEST_F(ConnectionsTest, ListPagesFollowMaxResultsSemantics) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(client_->post(kPath, githubConnection("c" + std::to_string(i))).status, 200);
  TestResponse all = client_->get(kPath);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json["connections"].size(), 5u);
  EXPECT_FALSE(all.json.contains("next_page_token"));

  std::vector<std::string> names;
  std::string token;
  int pages = 0;
  do {
    std::string path = std::string(kPath) + "?max_results=2";
    if (!token.empty()) path += "&page_token=" + token;
    TestResponse page = client_->get(path);
    ASSERT_EQ(page.status, 200);
    for (const auto& item : page.json.value("connections", nlohmann::json::array())) names.push_back(item["name"]);
    token = page.json.value("next_page_token", "");
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(names, (std::vector<std::string>{"c0", "c1", "c2", "c3", "c4"}));

  EXPECT_EQ(client_->get(std::string(kPath) + "?max_results=-1").status, 400);
  EXPECT_EQ(client_->get(std::string(kPath) + "?max_results=0").json["connections"].size(), 5u);
  EXPECT_EQ(client_->get(std::string(kPath) + "?page_token=garbage").status, 400);
}

// What `create_connection --auth-type u2m` stores (original tool §7.5): the grant material is
// secret, the OAuth settings are not; the source's own credential (`token`) stays hidden too.
TEST_F(ConnectionsTest, CommunityConnectionsHideOAuthSecretsInEveryResponse) {
  const nlohmann::json options = {{"sourceName", "github"}, {"externalOptionsAllowList", "tableName"},
                                  {"community_oauth_flow", "u2m"}, {"client_id", "cid"},
                                  {"client_secret", "secret-cs"}, {"refresh_token", "secret-rt"},
                                  {"authorization_code", "secret-ac"}, {"pkce_verifier", "secret-pv"},
                                  {"access_token", "secret-at"}, {"token", "secret-token"},
                                  {"token_endpoint", "https://idp/token"}, {"authorization_endpoint", "https://idp/auth"},
                                  {"oauth_scope", "repo"}, {"oauth_redirect_uri", "http://127.0.0.1:8080/callback"}};
  const nlohmann::json visible = {{"sourceName", "github"}, {"externalOptionsAllowList", "tableName"},
                                  {"community_oauth_flow", "u2m"}, {"client_id", "cid"},
                                  {"token_endpoint", "https://idp/token"}, {"authorization_endpoint", "https://idp/auth"},
                                  {"oauth_scope", "repo"}, {"oauth_redirect_uri", "http://127.0.0.1:8080/callback"}};
  TestResponse created = client_->post(kPath, {{"name", "gh"}, {"connection_type", "COMMUNITY"}, {"options", options}});
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json["connection_type"], "COMMUNITY");
  EXPECT_EQ(created.json["options"], visible);
  EXPECT_EQ(created.json["credential_type"], "OAUTH_U2M");
  nlohmann::json refreshed = options;
  refreshed["authorization_code"] = "secret-ac2";
  const std::vector<TestResponse> answers = {created, client_->get(std::string(kPath) + "/gh"), client_->get(kPath),
                                             client_->patch(std::string(kPath) + "/gh", {{"options", refreshed}})};
  for (const TestResponse& answer : answers) {
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.body.find("secret-"), std::string::npos) << answer.body;
  }
  EXPECT_EQ(answers[2].json["connections"][0]["options"], visible);
  std::ifstream log(emulator_->requestLogPath());
  const std::string logged((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(logged.find("\"community_oauth_flow\":\"u2m\""), std::string::npos);
  EXPECT_EQ(logged.find("secret-"), std::string::npos);
}

TEST_F(ConnectionsTest, EmptyListIsAnEmptyObject) {
  TestResponse empty = client_->get(kPath);
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.json, nlohmann::json::object());
}

TEST(ConnectionsEmptyPages, EmptyPageCarriesAToken) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--empty-pages"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  ASSERT_EQ(client.post(kPath, {{"name", "a"}, {"connection_type", "HTTP"}, {"options", {{"host", "h"}}}}).status, 200);
  TestResponse first = client.get(std::string(kPath) + "?max_results=0");
  EXPECT_FALSE(first.json.contains("connections"));
  ASSERT_TRUE(first.json.contains("next_page_token"));
  TestResponse second = client.get(std::string(kPath) + "?max_results=0&page_token=" +
                                   first.json["next_page_token"].get<std::string>());
  EXPECT_EQ(second.json["connections"].size(), 1u);
  EXPECT_FALSE(second.json.contains("next_page_token"));
}

}  // namespace
}  // namespace cc::emulator::test
