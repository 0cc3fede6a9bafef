#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

const std::string kParent = "/Users/alice@example.com/.lakeflow_community_connectors";
const std::string kUrl = "https://github.com/databrickslabs/lakeflow-community-connectors.git";

using ReposTest = EmulatorFixture;

nlohmann::json createBody(const std::string& name) {
  return {{"path", kParent + "/" + name}, {"provider", "gitHub"}, {"url", kUrl},
          {"sparse_checkout", {{"patterns", {"libs", "pipeline", "sources/github"}}}}};
}

TEST_F(ReposTest, CreateThenSwitchBranchAsTheOriginalToolDoes) {
  ASSERT_EQ(client_->post("/api/2.0/workspace/mkdirs", {{"path", kParent}}).status, 200);
  TestResponse created = client_->post("/api/2.0/repos", createBody("p"));
  ASSERT_EQ(created.status, 200) << created.body;
  const int64_t id = created.json["id"];
  EXPECT_EQ(created.json["branch"], "main");
  EXPECT_EQ(created.json["head_commit_id"].get<std::string>().size(), 40u);
  EXPECT_EQ(created.json["sparse_checkout"]["patterns"].size(), 3u);
  TestResponse status = client_->get("/api/2.0/workspace/get-status?path=" + kParent + "/p");
  EXPECT_EQ(status.json["object_type"], "REPO");
  EXPECT_EQ(status.json["object_id"], id);

  EXPECT_EQ(client_->patch("/api/2.0/repos/" + std::to_string(id), {{"branch", "master"}}).json, nlohmann::json::object());
  TestResponse got = client_->get("/api/2.0/repos/" + std::to_string(id));
  EXPECT_EQ(got.json["branch"], "master");
  EXPECT_EQ(got.json["git_cli_enabled"], false);
  EXPECT_NE(got.json["head_commit_id"], created.json["head_commit_id"]);
  // Stable per branch: switching back gives the first commit id again.
  client_->patch("/api/2.0/repos/" + std::to_string(id), {{"branch", "main"}});
  EXPECT_EQ(client_->get("/api/2.0/repos/" + std::to_string(id)).json["head_commit_id"], created.json["head_commit_id"]);

  // The checkout holds the files the original tool deletes, but no .gitignore.
  EXPECT_EQ(client_->post("/api/2.0/workspace/delete", {{"path", kParent + "/p/README.md"}}).status, 200);
  EXPECT_EQ(client_->post("/api/2.0/workspace/delete", {{"path", kParent + "/p/.gitignore"}}).status, 404);
}

TEST_F(ReposTest, CreateErrors) {
  client_->post("/api/2.0/workspace/mkdirs", {{"path", kParent}});
  ASSERT_EQ(client_->post("/api/2.0/repos", createBody("p")).status, 200);
  TestResponse taken = client_->post("/api/2.0/repos", createBody("p"));
  EXPECT_EQ(taken.status, 400);
  EXPECT_EQ(taken.json["error_code"], "RESOURCE_ALREADY_EXISTS");
  EXPECT_EQ(taken.json["message"], "Repo " + kParent + "/p already exists. If you would like to create two repos "
                                   "from the same remote Git repo, rename the first one and try again.");
  nlohmann::json noUrl = createBody("q");
  noUrl.erase("url");
  TestResponse missingUrl = client_->post("/api/2.0/repos", noUrl);
  EXPECT_EQ(missingUrl.status, 400);
  EXPECT_EQ(missingUrl.json["message"], "Git repository URL missing for project");
  EXPECT_EQ(client_->post("/api/2.0/repos", {{"url", kUrl}, {"provider", "gitHub"}, {"path", "/Users/nobody/x"}}).status, 404);
  EXPECT_EQ(client_->get("/api/2.0/repos/12345").status, 404);
}

TEST_F(ReposTest, SparseCheckoutCannotBeEnabledLater) {
  TestResponse plain = client_->post("/api/2.0/repos", {{"url", kUrl}, {"provider", "gitHub"}, {"path", "/Repos/alice/plain"}});
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_FALSE(plain.json.contains("sparse_checkout"));
  TestResponse patched = client_->patch("/api/2.0/repos/" + std::to_string(plain.json["id"].get<int64_t>()),
                                        {{"sparse_checkout", {{"patterns", {"a"}}}}});
  EXPECT_EQ(patched.status, 400);
}

TEST_F(ReposTest, ListFiltersByPrefixAndPages) {
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(client_->post("/api/2.0/repos", {{"url", kUrl}, {"provider", "gitHub"},
                                               {"path", "/Repos/alice/r" + std::to_string(100 + i)}}).status, 200);
  }
  client_->post("/api/2.0/workspace/mkdirs", {{"path", kParent}});
  ASSERT_EQ(client_->post("/api/2.0/repos", createBody("elsewhere")).status, 200);
  TestResponse first = client_->get("/api/2.0/repos");
  ASSERT_EQ(first.json["repos"].size(), 20u);
  ASSERT_TRUE(first.json.contains("next_page_token"));
  TestResponse second = client_->get("/api/2.0/repos?next_page_token=" + first.json["next_page_token"].get<std::string>());
  EXPECT_EQ(second.json["repos"].size(), 5u);
  EXPECT_FALSE(second.json.contains("next_page_token"));
  TestResponse prefixed = client_->get("/api/2.0/repos?path_prefix=" + kParent);
  ASSERT_EQ(prefixed.json["repos"].size(), 1u);
  EXPECT_EQ(prefixed.json["repos"][0]["path"], kParent + "/elsewhere");
}

TEST_F(ReposTest, DeleteRemovesTheWorkspaceSubtree) {
  TestResponse created = client_->post("/api/2.0/repos", {{"url", kUrl}, {"provider", "gitHub"}, {"path", "/Repos/alice/gone"}});
  ASSERT_EQ(created.status, 200);
  EXPECT_EQ(client_->del("/api/2.0/repos/" + std::to_string(created.json["id"].get<int64_t>())).status, 200);
  EXPECT_EQ(client_->get("/api/2.0/workspace/get-status?path=/Repos/alice/gone/README.md").status, 404);
  EXPECT_EQ(client_->get("/api/2.0/repos/" + std::to_string(created.json["id"].get<int64_t>())).status, 404);
}

}  // namespace
}  // namespace cc::emulator::test
