// Property test: random manifests and random edit sequences converge. After every apply, a new
// plan is empty, a second apply sends no mutating request, the workspace holds exactly the
// manifest's pipelines and connections, and no secret value is stored anywhere.
#include <gtest/gtest.h>

#include <random>

#include "engine/plan_file.h"
#include "engine_fixtures.h"

namespace cc::engine {
namespace {

using nlohmann::json;

struct World {
  json doc;
  std::map<std::string, std::string> secrets;  // pointer → value
};

std::string pick(std::mt19937& rng, std::initializer_list<const char*> options) {
  std::uniform_int_distribution<std::size_t> d(0, options.size() - 1);
  return *(options.begin() + d(rng));
}

bool coin(std::mt19937& rng) { return std::uniform_int_distribution<int>(0, 1)(rng) == 1; }

std::string secretValue(std::mt19937& rng) { return "s3cr3t-" + std::to_string(rng()); }

void addConnection(World& w, std::mt19937& rng, const std::string& name) {
  w.doc["connections"][name] = {{"source", pick(rng, {"github", "stripe", "zendesk"})},
                                {"options", {{"region", pick(rng, {"eu", "us"})}, {"token", "x"}}}};
  w.secrets["/connections/" + name + "/options/token"] = secretValue(rng);
}

void addPipeline(World& w, std::mt19937& rng, const std::string& name) {
  std::vector<std::string> conns;
  for (auto it = w.doc["connections"].begin(); it != w.doc["connections"].end(); ++it) conns.push_back(it.key());
  json p = {{"source", pick(rng, {"github", "stripe"})},
            {"connection", conns[rng() % conns.size()]},
            {"objects", {{{"table", {{"source_table", pick(rng, {"issues", "users", "events"})}}}}}}};
  if (coin(rng)) p["catalog"] = pick(rng, {"main", "prod"});
  if (coin(rng)) p["pipeline"] = {{"development", coin(rng)}};
  if (coin(rng)) p["run"] = {{"after_apply", true}, {"wait", coin(rng)}};
  w.doc["pipelines"][name] = p;
}

World randomWorld(std::mt19937& rng) {
  World w;
  w.doc = {{"version", 1}, {"connections", json::object()}, {"pipelines", json::object()}};
  const int conns = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < conns; ++i) addConnection(w, rng, "c" + std::to_string(i));
  const int pipes = static_cast<int>(rng() % 4);
  for (int i = 0; i < pipes; ++i) addPipeline(w, rng, "p" + std::to_string(i));
  return w;
}

void edit(World& w, std::mt19937& rng, int step) {
  std::vector<std::string> conns, pipes;
  for (auto it = w.doc["connections"].begin(); it != w.doc["connections"].end(); ++it) conns.push_back(it.key());
  for (auto it = w.doc["pipelines"].begin(); it != w.doc["pipelines"].end(); ++it) pipes.push_back(it.key());
  switch (rng() % 9) {
    case 0: w.secrets["/connections/" + conns[rng() % conns.size()] + "/options/token"] = secretValue(rng); break;
    case 1: w.doc["connections"][conns[rng() % conns.size()]]["options"]["region"] = pick(rng, {"eu", "us", "ap"}); break;
    case 2: addPipeline(w, rng, "n" + std::to_string(step)); break;
    case 3:
      if (!pipes.empty()) w.doc["pipelines"].erase(pipes[rng() % pipes.size()]);
      break;
    case 4:
      if (!pipes.empty()) w.doc["pipelines"][pipes[rng() % pipes.size()]]["catalog"] = pick(rng, {"main", "prod", "dev"});
      break;
    case 5:
      if (!pipes.empty()) w.doc["pipelines"][pipes[rng() % pipes.size()]]["repo"] = {{"branch", pick(rng, {"main", "dev"})}};
      break;
    case 6:
      if (!pipes.empty()) {
        w.doc["pipelines"][pipes[rng() % pipes.size()]]["objects"][0]["table"]["source_table"] = pick(rng, {"a", "b"});
      }
      break;
    case 7: addConnection(w, rng, "k" + std::to_string(step)); break;
    case 8:  // a new remote forces the Git folder to be recreated, and its ingest.py with it
      if (!pipes.empty()) {
        w.doc["pipelines"][pipes[rng() % pipes.size()]]["repo"] = {{"url", pick(rng, {"https://a/x.git", "https://b/y.git"})}};
      }
      break;
  }
}

void expectConverged(const World& w, testing::InMemoryProvider& ws, const std::string& where) {
  Manifest m = testing::manifestOf(w.doc, w.secrets);
  PlanSettings prune;
  prune.prune = true;
  auto plan = testing::planFor(m, ws, prune);
  ASSERT_TRUE(plan.ok()) << where;
  const std::string planText = writePlanFile(*plan);
  auto summary = testing::applyAll(*plan, ws, 3);
  ASSERT_TRUE(summary.ok()) << where << ": " << (summary.outcomes.empty() || !summary.outcomes[0].error ? "" : summary.outcomes[0].error->summary);

  auto again = testing::planFor(m, ws, prune);
  ASSERT_TRUE(again.ok()) << where;
  for (const auto& a : again->actions) EXPECT_EQ(a.action, ActionKind::NoOp) << where << " " << a.key.address();
  ws.resetCounts();
  testing::applyAll(*again, ws);
  EXPECT_EQ(ws.mutatingCalls(), 0) << where;

  std::size_t pipelines = 0, connections = 0;
  for (const auto& [key, o] : ws.objects()) {
    pipelines += key.kind == ResourceKind::Pipeline;
    connections += key.kind == ResourceKind::Connection;
  }
  EXPECT_EQ(pipelines, w.doc["pipelines"].size()) << where;
  EXPECT_EQ(connections, w.doc["connections"].size()) << where;
  for (const auto& [pointer, value] : w.secrets) {
    EXPECT_EQ(planText.find(value), std::string::npos) << where;
    for (const auto& [path, file] : ws.files()) EXPECT_EQ(file.content.find(value), std::string::npos) << where << path;
  }
}

TEST(ReconcileProperty, RandomManifestsAndEditsConverge) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    World w = randomWorld(rng);
    testing::InMemoryProvider ws;
    expectConverged(w, ws, "seed " + std::to_string(seed) + " initial");
    for (int step = 0; step < 6; ++step) {
      edit(w, rng, step);
      expectConverged(w, ws, "seed " + std::to_string(seed) + " step " + std::to_string(step));
      if (::testing::Test::HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace cc::engine
