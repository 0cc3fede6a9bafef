#include "emulator/emulator_fixture.h"

namespace cc::emulator::test {
namespace {

using PipelinesTest = EmulatorFixture;

nlohmann::json spec(const std::string& name) {
  return {{"name", name}, {"catalog", "main"}, {"target", "github"}, {"channel", "PREVIEW"},
          {"continuous", false}, {"development", true}, {"serverless", true},
          {"libraries", {{{"file", {{"path", "/Users/alice@example.com/x/ingest.py"}}}}}},
          {"root_path", "/Users/alice@example.com/x"}};
}

std::string create(TestClient& client, const nlohmann::json& body) {
  TestResponse created = client.post("/api/2.0/pipelines", body);
  EXPECT_EQ(created.status, 200) << created.body;
  return created.json.value("pipeline_id", "");
}

TEST_F(PipelinesTest, CreateAndGetWithSpecDefaults) {
  nlohmann::json body = spec("my_github_pipeline");
  body["allow_duplicate_names"] = false;
  body["parameters"] = {{"k", "v"}};
  const std::string id = create(*client_, body);
  ASSERT_EQ(id.size(), 36u);
  TestResponse got = client_->get("/api/2.0/pipelines/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json["pipeline_id"], id);
  EXPECT_EQ(got.json["name"], "my_github_pipeline");
  EXPECT_EQ(got.json["state"], "IDLE");
  EXPECT_EQ(got.json["creator_user_name"], "alice@example.com");
  EXPECT_EQ(got.json["run_as_user_name"], "alice@example.com");
  EXPECT_EQ(got.json["parameters"], (nlohmann::json{{"k", "v"}}));
  EXPECT_TRUE(got.json["last_modified"].is_number_integer());
  EXPECT_EQ(got.json["spec"]["id"], id);
  EXPECT_EQ(got.json["spec"]["edition"], "ADVANCED");
  EXPECT_EQ(got.json["spec"]["channel"], "PREVIEW");
  EXPECT_FALSE(got.json["spec"].contains("allow_duplicate_names"));
  EXPECT_FALSE(got.json["spec"].contains("parameters"));
  EXPECT_FALSE(got.json.contains("latest_updates"));
  TestResponse missing = client_->get("/api/2.0/pipelines/00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json["error_code"], "RESOURCE_DOES_NOT_EXIST");
  EXPECT_EQ(missing.json["message"], "The specified pipeline 00000000-0000-4000-8000-000000000000 was not found.");
}

TEST_F(PipelinesTest, DuplicateNamesAndDryRun) {
  create(*client_, spec("dup"));
  TestResponse duplicate = client_->post("/api/2.0/pipelines", spec("dup"));
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_NE(duplicate.json["message"].get<std::string>().find("already used by another pipeline"), std::string::npos);
  nlohmann::json allowed = spec("dup");
  allowed["allow_duplicate_names"] = true;
  EXPECT_FALSE(create(*client_, allowed).empty());

  nlohmann::json dry = spec("dry");
  dry["dry_run"] = true;
  TestResponse response = client_->post("/api/2.0/pipelines", dry);
  ASSERT_EQ(response.status, 200);
  EXPECT_FALSE(response.json.contains("pipeline_id"));
  EXPECT_EQ(response.json["effective_settings"]["name"], "dry");
  EXPECT_EQ(response.json["effective_settings"]["edition"], "ADVANCED");
  EXPECT_FALSE(response.json["effective_settings"].contains("dry_run"));
  EXPECT_FALSE(client_->get("/api/2.0/pipelines?filter=name+LIKE+%27dry%27").json.contains("statuses"));
}

TEST_F(PipelinesTest, CreateValidation) {
  nlohmann::json both = spec("v");
  both["schema"] = "s";
  EXPECT_EQ(client_->post("/api/2.0/pipelines", both).status, 400);
  nlohmann::json dotted = spec("v");
  dotted["target"] = "main.raw";
  EXPECT_EQ(client_->post("/api/2.0/pipelines", dotted).json["error_code"], "INVALID_PARAMETER_VALUE");
  nlohmann::json library = spec("v");
  library["libraries"] = {{{"file", {{"path", "a"}}}, {"notebook", {{"path", "b"}}}}};
  EXPECT_EQ(client_->post("/api/2.0/pipelines", library).status, 400);
  EXPECT_EQ(client_->post("/api/2.0/pipelines", nlohmann::json::object()).status, 400);
}

TEST_F(PipelinesTest, ListFilterLikeSemanticsPagingAndNoSpec) {
  for (const char* name : {"my_pipe", "myXpipe", "my_pipe_2", "other"}) create(*client_, spec(name));
  auto names = [&](const std::string& query) {
    std::vector<std::string> out;
    TestResponse listed = client_->get("/api/2.0/pipelines?" + query);
    EXPECT_EQ(listed.status, 200) << listed.body;
    for (const auto& item : listed.json.value("statuses", nlohmann::json::array())) {
      EXPECT_FALSE(item.contains("spec"));
      out.push_back(item["name"]);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  // `_` is a wildcard, as in SQL LIKE: my_pipe also matches myXpipe.
  EXPECT_EQ(names("filter=name+LIKE+%27my_pipe%27"), (std::vector<std::string>{"myXpipe", "my_pipe"}));
  EXPECT_EQ(names("filter=name%20LIKE%20'my%25'"), (std::vector<std::string>{"myXpipe", "my_pipe", "my_pipe_2"}));
  EXPECT_EQ(names("filter=name+LIKE+%27my%5C_pipe%27"), (std::vector<std::string>{"my_pipe"}));
  EXPECT_EQ(names("filter=name+LIKE+%27none%27"), std::vector<std::string>{});
  EXPECT_EQ(client_->get("/api/2.0/pipelines?filter=name+LIKE+%27x%27+AND+id%3D%271%27").status, 400);
  EXPECT_EQ(client_->get("/api/2.0/pipelines?max_results=101").status, 400);

  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    // The SDK re-sends filter with page_token; the emulator tolerates it.
    std::string path = "/api/2.0/pipelines?filter=name+LIKE+%27%25%27&max_results=3";
    if (!token.empty()) path += "&page_token=" + token;
    TestResponse page = client_->get(path);
    for (const auto& item : page.json.value("statuses", nlohmann::json::array())) paged.push_back(item["pipeline_id"]);
    token = page.json.value("next_page_token", "");
    ++pages;
  } while (!token.empty() && pages < 5);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(paged.size(), 4u);
  EXPECT_TRUE(std::is_sorted(paged.begin(), paged.end()));  // default order: id asc
}

TEST_F(PipelinesTest, EditReplacesTheWholeSpecAndBumpsLastModified) {
  nlohmann::json body = spec("edit_me");
  body["tags"] = {{"owner", "team"}};
  body["configuration"] = {{"a", "b"}};
  const std::string id = create(*client_, body);
  const int64_t before = client_->get("/api/2.0/pipelines/" + id).json["last_modified"];
  nlohmann::json replacement = spec("edit_me");
  replacement["development"] = false;
  replacement["expected_last_modified"] = before;
  ASSERT_EQ(client_->put("/api/2.0/pipelines/" + id, replacement).status, 200);
  TestResponse got = client_->get("/api/2.0/pipelines/" + id);
  EXPECT_FALSE(got.json["spec"].contains("tags"));
  EXPECT_FALSE(got.json["spec"].contains("configuration"));
  EXPECT_EQ(got.json["spec"]["development"], false);
  EXPECT_GT(got.json["last_modified"].get<int64_t>(), before);
  // A stale expected_last_modified is a conflict.
  EXPECT_EQ(client_->put("/api/2.0/pipelines/" + id, replacement).status, 409);
  // Renaming onto a taken name is refused.
  create(*client_, spec("taken"));
  EXPECT_EQ(client_->put("/api/2.0/pipelines/" + id, spec("taken")).status, 409);
  EXPECT_EQ(client_->put("/api/2.0/pipelines/00000000-0000-4000-8000-000000000000", spec("x")).status, 404);
}

TEST_F(PipelinesTest, DeleteThen404) {
  const std::string id = create(*client_, spec("bye"));
  EXPECT_EQ(client_->del("/api/2.0/pipelines/" + id).json, nlohmann::json::object());
  EXPECT_EQ(client_->get("/api/2.0/pipelines/" + id).status, 404);
  EXPECT_EQ(client_->del("/api/2.0/pipelines/" + id).status, 404);
}

std::vector<std::string> pollUntilTerminal(TestClient& client, const std::string& id, const std::string& update) {
  std::vector<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    TestResponse got = client.get("/api/2.0/pipelines/" + id + "/updates/" + update);
    const std::string state = got.json["update"]["state"];
    if (seen.empty() || seen.back() != state) seen.push_back(state);
    if (state == "COMPLETED" || state == "FAILED" || state == "CANCELED") break;
  }
  return seen;
}

TEST_F(PipelinesTest, UpdateAdvancesOneStatePerPoll) {
  const std::string id = create(*client_, spec("run"));
  TestResponse started = client_->post("/api/2.0/pipelines/" + id + "/updates", {{"full_refresh", false}});
  ASSERT_EQ(started.status, 200);
  const std::string update = started.json["update_id"];
  TestResponse listed = client_->get("/api/2.0/pipelines?filter=name+LIKE+%27run%27");
  EXPECT_EQ(listed.json["statuses"][0]["state"], "RUNNING");
  EXPECT_EQ(listed.json["statuses"][0]["latest_updates"][0]["state"], "QUEUED");  // list does not advance
  EXPECT_EQ(listed.json["statuses"][0]["latest_updates"][0]["creation_time"].get<std::string>().back(), 'Z');
  TestResponse again = client_->post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(pollUntilTerminal(*client_, id, update),
            (std::vector<std::string>{"CREATED", "WAITING_FOR_RESOURCES", "INITIALIZING", "SETTING_UP_TABLES",
                                      "RUNNING", "COMPLETED"}));
  TestResponse got = client_->get("/api/2.0/pipelines/" + id);
  EXPECT_EQ(got.json["state"], "IDLE");
  EXPECT_EQ(got.json["latest_updates"][0]["update_id"], update);
  EXPECT_EQ(got.json["latest_updates"][0]["state"], "COMPLETED");
  TestResponse info = client_->get("/api/2.0/pipelines/" + id + "/updates/" + update);
  EXPECT_EQ(info.json["update"]["cause"], "API_CALL");
  EXPECT_TRUE(info.json["update"]["creation_time"].is_number_integer());
  EXPECT_EQ(info.json["update"]["config"]["name"], "run");
  EXPECT_EQ(client_->get("/api/2.0/pipelines/" + id + "/updates/nope").status, 404);
}

TEST_F(PipelinesTest, FullRefreshResetsAndFailureOnRequest) {
  const std::string id = create(*client_, spec("fr"));
  const std::string first = client_->post("/api/2.0/pipelines/" + id + "/updates", {{"full_refresh", true}}).json["update_id"];
  std::vector<std::string> states = pollUntilTerminal(*client_, id, first);
  EXPECT_NE(std::find(states.begin(), states.end(), "RESETTING"), states.end());
  ASSERT_EQ(client_->send("POST", "/__emulator/fail-next-update", "").status, 200);
  const std::string second = client_->post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).json["update_id"];
  EXPECT_EQ(pollUntilTerminal(*client_, id, second).back(), "FAILED");

  TestResponse updates = client_->get("/api/2.0/pipelines/" + id + "/updates");
  ASSERT_EQ(updates.json["updates"].size(), 2u);
  EXPECT_EQ(updates.json["updates"][0]["update_id"], second);  // newest first
  EXPECT_FALSE(updates.json["updates"][0].contains("config"));
  EXPECT_EQ(client_->get("/api/2.0/pipelines/" + id + "/updates?until_update_id=" + second).json["updates"].size(), 1u);

  TestResponse errors = client_->get("/api/2.0/pipelines/" + id + "/events?filter=" +
                                     std::string("level%3D%27ERROR%27"));
  ASSERT_EQ(errors.json["events"].size(), 1u);
  EXPECT_EQ(errors.json["events"][0]["details"]["update_progress"]["state"], "FAILED");
  EXPECT_EQ(errors.json["events"][0]["error"]["fatal"], true);
  TestResponse progress = client_->get("/api/2.0/pipelines/" + id + "/events?max_results=100&filter=update_id+%3D+%27" + first + "%27");
  const auto& events = progress.json["events"];
  ASSERT_GE(events.size(), 8u);
  EXPECT_EQ(events[0]["details"]["update_progress"]["state"], "COMPLETED");  // newest first
  EXPECT_EQ(events[0]["origin"]["update_id"], first);
  EXPECT_EQ(client_->get("/api/2.0/pipelines/" + id + "/events?filter=bogus").status, 400);
}

TEST_F(PipelinesTest, StopCancelsTheActiveUpdate) {
  const std::string id = create(*client_, spec("stop"));
  EXPECT_EQ(client_->post("/api/2.0/pipelines/" + id + "/stop", nlohmann::json::object()).status, 200);  // idle: no-op
  const std::string update = client_->post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).json["update_id"];
  client_->get("/api/2.0/pipelines/" + id + "/updates/" + update);
  ASSERT_EQ(client_->post("/api/2.0/pipelines/" + id + "/stop", nlohmann::json::object()).status, 200);
  EXPECT_EQ(client_->get("/api/2.0/pipelines?filter=name+LIKE+%27stop%27").json["statuses"][0]["state"], "STOPPING");
  EXPECT_EQ(pollUntilTerminal(*client_, id, update).back(), "CANCELED");
  EXPECT_EQ(client_->get("/api/2.0/pipelines/" + id).json["state"], "IDLE");
}

TEST(PipelinesTimeScale, StatesFollowTheEmulatedClock) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--time-scale", "10"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  const std::string id = create(client, spec("timed"));
  const std::string update = client.post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).json["update_id"];
  // Polls alone do not move it on; the clock does (10 s per state).
  client.get("/api/2.0/pipelines/" + id);
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + update).json["update"]["state"], "QUEUED");
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 25})");
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + update).json["update"]["state"], "WAITING_FOR_RESOURCES");
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 1000})");
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + update).json["update"]["state"], "COMPLETED");
}

std::vector<std::string> progressStates(TestClient& client, const std::string& id, const std::string& update) {
  std::vector<std::string> states;
  TestResponse events = client.get("/api/2.0/pipelines/" + id + "/events?order_by=timestamp+asc&max_results=100" +
                                   "&filter=update_id+%3D+%27" + update + "%27");
  for (const auto& event : events.json.value("events", nlohmann::json::array())) {
    if (event["event_type"] == "update_progress") states.push_back(event["details"]["update_progress"]["state"]);
  }
  return states;
}

// run_pipeline, then run_pipeline --full-refresh a while later without polling in between.
TEST(PipelinesWallTimeout, AnUpdateNobodyPollsEndsOnceItsStateIsOld) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--update-wall-timeout-ms", "5000"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  const std::string id = create(client, spec("walled"));
  const std::string first = client.post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).json["update_id"];
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + first).json["update"]["state"], "CREATED");
  // Within the bound a poll still moves exactly one state.
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 4})");
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + first).json["update"]["state"], "WAITING_FOR_RESOURCES");
  EXPECT_EQ(client.post("/api/2.0/pipelines/" + id + "/updates", {{"full_refresh", true}}).status, 409);
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 5})");
  TestResponse second = client.post("/api/2.0/pipelines/" + id + "/updates", {{"full_refresh", true}});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + first).json["update"]["state"], "COMPLETED");
  EXPECT_EQ(progressStates(client, id, first),
            (std::vector<std::string>{"QUEUED", "CREATED", "WAITING_FOR_RESOURCES", "INITIALIZING", "SETTING_UP_TABLES",
                                      "RUNNING", "COMPLETED"}));
  // A failing update ends FAILED the same way, observed by a plain read of the pipeline.
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 60})");
  client.get("/api/2.0/pipelines/" + id);
  ASSERT_EQ(client.send("POST", "/__emulator/fail-next-update", "").status, 200);
  const std::string third = client.post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).json["update_id"];
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 6})");
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id).json["state"], "IDLE");
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + third).json["update"]["state"], "FAILED");
}

TEST(PipelinesWallTimeout, ZeroKeepsAnUnpolledUpdateActive) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--update-wall-timeout-ms", "0"});
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  TestClient client(emulator);
  const std::string id = create(client, spec("forever"));
  ASSERT_EQ(client.post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).status, 200);
  client.send("POST", "/__emulator/advance-clock", R"({"seconds": 3600})");
  EXPECT_EQ(client.post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).status, 409);
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id).json["state"], "RUNNING");
}

TEST(PipelinesPersistence, UpdatesSurviveKillAndRestart) {
  test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY);
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  std::string id, update;
  {
    TestClient client(emulator);
    id = create(client, spec("durable"));
    update = client.post("/api/2.0/pipelines/" + id + "/updates", nlohmann::json::object()).json["update_id"];
    client.get("/api/2.0/pipelines/" + id);  // → CREATED
  }
  emulator.kill();
  ASSERT_TRUE(emulator.restart());
  TestClient client(emulator);
  EXPECT_EQ(client.get("/api/2.0/pipelines/" + id + "/updates/" + update).json["update"]["state"], "WAITING_FOR_RESOURCES");
  EXPECT_EQ(client.post("/api/2.0/pipelines", spec("durable")).status, 409);
}

}  // namespace
}  // namespace cc::emulator::test
