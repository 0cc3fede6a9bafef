// Every typed call against workspace-emulator over loopback TLS.
#include "providers/workspace_api.h"

#include <gtest/gtest.h>

#include "emulator_client.h"

namespace cc::providers {
namespace {

using testing::EmulatorClient;

class WorkspaceApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = new test_support::EmulatorProcess(testing::emulatorBinary()); }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(emulator_->ok()) << emulator_->error();
    ASSERT_TRUE(c_.connectTo(*emulator_)) << c_.error;
  }
  WorkspaceApi& api() { return *c_.api; }

  static test_support::EmulatorProcess* emulator_;
  EmulatorClient c_;
};
test_support::EmulatorProcess* WorkspaceApiTest::emulator_ = nullptr;

TEST_F(WorkspaceApiTest, CurrentUser) {
  auto name = api().currentUserName();
  ASSERT_TRUE(name.ok()) << name.error().oneLine();
  EXPECT_EQ(name.value(), emulator_->user());
}

TEST_F(WorkspaceApiTest, WorkspaceObjectsLifecycle) {
  const std::string dir = "/Users/alice@example.com/ws-test/a/b";
  auto made = api().mkdirs(dir);
  ASSERT_TRUE(made.ok()) << made.error().oneLine();
  ASSERT_TRUE(api().mkdirs(dir).ok());  // idempotent
  auto imported = api().importFile(dir + "/ingest.py", "print('hi')\n", "SOURCE", "PYTHON", true);
  ASSERT_TRUE(imported.ok()) << imported.error().oneLine();
  auto again = api().importFile(dir + "/ingest.py", "print('hi')\n", "SOURCE", "PYTHON", false);
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(again.error().isAlreadyExists()) << again.error().oneLine();

  auto status = api().getStatus(dir + "/ingest.py");
  ASSERT_TRUE(status.ok()) << status.error().oneLine();
  EXPECT_EQ(status->objectType, "NOTEBOOK");
  EXPECT_EQ(status->language, "PYTHON");
  auto viaPrefix = api().getStatus("/Workspace" + dir);
  ASSERT_TRUE(viaPrefix.ok());
  EXPECT_EQ(viaPrefix->path, dir);

  auto exported = api().exportFile(dir + "/ingest.py");
  ASSERT_TRUE(exported.ok()) << exported.error().oneLine();
  EXPECT_NE(exported->content.find("print('hi')"), std::string::npos);

  auto listing = api().list(dir);
  ASSERT_TRUE(listing.ok());
  ASSERT_EQ(listing->size(), 1u);
  EXPECT_EQ(listing->front().path, dir + "/ingest.py");

  auto notEmpty = api().deletePath("/Users/alice@example.com/ws-test", false);
  ASSERT_FALSE(notEmpty.ok());
  EXPECT_EQ(notEmpty.error().errorCode, "DIRECTORY_NOT_EMPTY");
  ASSERT_TRUE(api().deletePath("/Users/alice@example.com/ws-test", true).ok());
  auto gone = api().findStatus(dir);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto missing = api().getStatus(dir);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().isNotFound());
  EXPECT_EQ(missing.error().status, 404);
  EXPECT_EQ(missing.error().errorCode, "RESOURCE_DOES_NOT_EXIST");
}

TEST_F(WorkspaceApiTest, ReposLifecycle) {
  const std::string parent = "/Users/alice@example.com/repos-test";
  ASSERT_TRUE(api().mkdirs(parent).ok());
  nlohmann::json body{{"url", "https://github.com/databrickslabs/lakeflow-community-connectors.git"},
                      {"provider", "gitHub"},
                      {"path", parent + "/r1"},
                      {"sparse_checkout", {{"patterns", {"libs", "sources/github"}}}}};
  auto repo = api().createRepo(body);
  ASSERT_TRUE(repo.ok()) << repo.error().oneLine();
  EXPECT_GT(repo->id, 0);
  ASSERT_TRUE(api().updateRepo(repo->id, {{"branch", "master"}}).ok());
  auto got = api().getRepo(repo->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->branch, "master");
  EXPECT_EQ(got->sparsePatterns, (std::vector<std::string>{"libs", "sources/github"}));
  auto found = api().findRepoByPath(parent + "/r1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, repo->id);
  auto listed = api().listRepos(parent);
  ASSERT_TRUE(listed.ok()) << listed.error().oneLine();
  ASSERT_EQ(listed->size(), 1u);
  auto dup = api().createRepo(body);
  ASSERT_FALSE(dup.ok());
  EXPECT_TRUE(dup.error().isAlreadyExists()) << dup.error().oneLine();
  ASSERT_TRUE(api().deleteRepo(repo->id).ok());
  auto afterDelete = api().findRepoByPath(parent + "/r1");
  ASSERT_TRUE(afterDelete.ok());
  EXPECT_FALSE(afterDelete->has_value());
}

TEST_F(WorkspaceApiTest, ConnectionsLifecycleAndPaging) {
  for (int i = 0; i < 5; ++i) {
    nlohmann::json body{{"name", "conn_page_" + std::to_string(i)},
                        {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
                        {"options", {{"sourceName", "github"}, {"token", "ghp_secret"}}},
                        {"comment", "created by lakeflow community-connector CLI tool"}};
    auto r = api().createConnection(body);
    ASSERT_TRUE(r.ok()) << r.error().oneLine();
  }
  auto got = api().getConnection("conn_page_0");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["options"].value("sourceName", ""), "github");
  EXPECT_FALSE((*got)["options"].contains("token"));  // redacted by the server

  auto all = api().listConnections(2);
  ASSERT_TRUE(all.ok()) << all.error().oneLine();
  int ours = 0;
  for (const auto& c : *all) ours += c.value("name", "").rfind("conn_page_", 0) == 0;
  EXPECT_EQ(ours, 5);

  auto updated = api().updateConnection("conn_page_1", {{"options", {{"sourceName", "gitlab"}}}});
  ASSERT_TRUE(updated.ok()) << updated.error().oneLine();
  EXPECT_EQ((*updated)["options"].value("sourceName", ""), "gitlab");

  auto dup = api().createConnection({{"name", "conn_page_2"}, {"connection_type", "GENERIC_LAKEFLOW_CONNECT"}, {"options", nlohmann::json::object()}});
  ASSERT_FALSE(dup.ok());
  EXPECT_TRUE(dup.error().isAlreadyExists()) << dup.error().oneLine();
  ASSERT_TRUE(api().deleteConnection("conn_page_3").ok());
  auto missing = api().getConnection("conn_page_3");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().isNotFound());
}

TEST_F(WorkspaceApiTest, PipelinesLifecyclePagingAndExactNameLookup) {
  std::vector<std::string> ids;
  for (const std::string name : {"pl_a", "plXa", "pl_b", "pl_c", "pl_d"}) {
    auto id = api().createPipeline({{"name", name}, {"catalog", "main"}, {"target", "github"}, {"development", true}});
    ASSERT_TRUE(id.ok()) << id.error().oneLine();
    ids.push_back(id.value());
  }
  auto page = api().listPipelines({}, 2);
  ASSERT_TRUE(page.ok()) << page.error().oneLine();
  EXPECT_GE(page->size(), 5u);

  auto exact = api().findPipelinesByName("pl_a");  // `_` must not match plXa
  ASSERT_TRUE(exact.ok()) << exact.error().oneLine();
  ASSERT_EQ(exact->size(), 1u);
  EXPECT_EQ(exact->front().pipelineId, ids[0]);

  auto got = api().getPipeline(ids[0]);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["spec"].value("catalog", ""), "main");
  auto spec = (*got)["spec"];
  spec.erase("id");
  spec["development"] = false;
  ASSERT_TRUE(api().editPipeline(ids[0], spec).ok());
  EXPECT_FALSE((*api().getPipeline(ids[0]))["spec"].value("development", true));

  auto update = api().startUpdate(ids[0], {{"full_refresh", false}});
  ASSERT_TRUE(update.ok()) << update.error().oneLine();
  auto second = api().startUpdate(ids[0], {{"full_refresh", false}});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().status, 409);
  std::string state;
  for (int i = 0; i < 20 && state != "COMPLETED"; ++i) {
    auto u = api().getUpdate(ids[0], update.value());
    ASSERT_TRUE(u.ok()) << u.error().oneLine();
    state = u->value("state", "");
  }
  EXPECT_EQ(state, "COMPLETED");
  auto updates = api().listUpdates(ids[0]);
  ASSERT_TRUE(updates.ok());
  ASSERT_FALSE(updates->empty());
  EXPECT_EQ(updates->front().value("update_id", ""), update.value());
  auto events = api().listEvents(ids[0], "level='INFO'", 5, 3);
  ASSERT_TRUE(events.ok()) << events.error().oneLine();
  EXPECT_FALSE(events->empty());
  ASSERT_TRUE(api().stopPipeline(ids[0]).ok());
  ASSERT_TRUE(api().deletePipeline(ids[1]).ok());
  auto missing = api().getPipeline(ids[1]);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().isNotFound());
}

TEST_F(WorkspaceApiTest, BadTokenMapsToActionableError) {
  EmulatorClient bad;
  bad.env["DATABRICKS_TOKEN"] = "dapi-wrong";
  ASSERT_TRUE(bad.connectTo(*emulator_)) << bad.error;
  auto r = bad.api->me();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 403);
  EXPECT_EQ(r.error().kind, ApiErrorKind::PermissionDenied);
  EXPECT_NE(r.error().hint().find("DATABRICKS_TOKEN"), std::string::npos);
  EXPECT_EQ(r.error().attempts, 1);  // never retried
}

TEST_F(WorkspaceApiTest, UnknownRouteIsNotFound) {
  auto r = c_.client->call({"GET", "/api/2.0/nothing-here", {}, {}, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 404);
  EXPECT_EQ(r.error().errorCode, "ENDPOINT_NOT_FOUND");
}

}  // namespace
}  // namespace cc::providers
