// The engine's providers over HTTPS against workspace-emulator: create, observe, update, remove.
#include "providers/provider_registry.h"

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <set>

#include "emulator_client.h"
#include "engine/content_digest.h"

namespace cc::providers {
namespace {

using engine::ResourceKind;
using testing::EmulatorClient;

std::string firstError(const engine::Diagnostics& d) { return d.items().empty() ? "" : d.items()[0].summary; }

// FullLifecycleOfEveryKind in steps, in dependency order: each step creates or changes one kind
// through the registry and checks it, keeping what the later steps need.
struct EveryKindLifecycle {
  HttpsProviderRegistry& registry;
  EmulatorClient& c;
  const std::string root = "/Users/alice@example.com/.lakeflow_community_connectors";
  const std::string ws = root + "/my_pipe";
  engine::DesiredResource repo{};
  engine::ObservedResource createdRepo{};
  engine::ObservedResource connection{};  // as observed after its create
  engine::ObservedResource pipeline{};    // as its update returned it

  void currentUserAndRootDirectory() {
    auto ctx = registry.workspace().currentContext();
    ASSERT_TRUE(ctx.ok());
    EXPECT_EQ(ctx->userName, "alice@example.com");
    engine::DesiredResource dir{{ResourceKind::Directory, root}, {{"path", root}}, {}, {}, {}, ""};
    ASSERT_TRUE(registry.provider(ResourceKind::Directory).create(dir).ok());
  }

  void repoIsCreatedOnItsBranch() {
    repo = {{ResourceKind::Repo, ws},
            {{"url", "https://github.com/databrickslabs/lakeflow-community-connectors.git"},
             {"provider", "gitHub"},
             {"path", ws},
             {"branch", "master"},
             {"sparse_checkout", {{"patterns", {"libs", "pipeline", "sources/github"}}}}},
            {},
            {{"exclude_root_files", {"README.md", "NOTICE"}}},
            {},
            ""};
    auto created = registry.provider(ResourceKind::Repo).create(repo);
    ASSERT_TRUE(created.ok()) << firstError(created.diagnostics());
    EXPECT_EQ(created->fields["branch"], "master");
    createdRepo = *created;
  }

  void ingestFileIsWrittenAndObservedByDigest() {
    const std::string content = "# Databricks notebook source\nprint('ingest')\n";
    engine::DesiredResource ingest{{ResourceKind::IngestFile, ws + "/ingest.py"},
                                   {{"path", ws + "/ingest.py"}, {"content_sha256", engine::sha256Hex(content)}},
                                   {},
                                   {{"content", content}},
                                   {},
                                   ""};
    ASSERT_TRUE(registry.provider(ResourceKind::IngestFile).create(ingest).ok());
    auto observedFile = registry.provider(ResourceKind::IngestFile).observe({ingest.key, {ResourceKind::IngestFile, ws + "/nope.py"}});
    ASSERT_TRUE(observedFile.ok()) << firstError(observedFile.diagnostics());
    EXPECT_TRUE((*observedFile)[0].exists);
    EXPECT_EQ((*observedFile)[0].fields["content_sha256"], engine::sha256Hex(content));
    EXPECT_FALSE((*observedFile)[1].exists);
  }

  void connectionHidesItsSecretAndIsMarked() {
    engine::DesiredResource conn{{ResourceKind::Connection, "my_conn"},
                                 {{"name", "my_conn"},
                                  {"connection_type", "GENERIC_LAKEFLOW_CONNECT"},
                                  {"options", {{"sourceName", "github"}}},
                                  {"comment", "managed by community-connector"}},
                                 {{"options.token", engine::Secret("ghp_x", "${env.T}")}},
                                 {},
                                 {},
                                 ""};
    auto& connections = registry.provider(ResourceKind::Connection);
    ASSERT_TRUE(connections.create(conn).ok());
    auto seen = connections.observe({conn.key, {ResourceKind::Connection, "absent"}});
    ASSERT_TRUE(seen.ok());
    EXPECT_TRUE((*seen)[0].exists);
    EXPECT_FALSE((*seen)[0].fields["options"].contains("token"));
    EXPECT_FALSE((*seen)[1].exists);
    auto owned = connections.listMarked();
    ASSERT_TRUE(owned.ok());
    EXPECT_EQ(owned->size(), 1u);
    connection = (*seen)[0];
  }

  void pipelineIsCreatedThenUpdatedInPlace() {
    engine::DesiredResource pipe{{ResourceKind::Pipeline, "my_pipe"},
                                 {{"name", "my_pipe"},
                                  {"channel", "PREVIEW"},
                                  {"continuous", false},
                                  {"development", true},
                                  {"serverless", true},
                                  {"catalog", "main"},
                                  {"target", "github"},
                                  {"root_path", ws},
                                  {"libraries", {{{"file", {{"path", ws + "/ingest.py"}}}}}},
                                  {"configuration", {{"community_connector.managed_by", "community-connector"}}}},
                                 {},
                                 {},
                                 {},
                                 ""};
    auto& pipelines = registry.provider(ResourceKind::Pipeline);
    auto createdPipe = pipelines.create(pipe);
    ASSERT_TRUE(createdPipe.ok()) << firstError(createdPipe.diagnostics());
    auto observedPipes = pipelines.observe({pipe.key, {ResourceKind::Pipeline, "my_pipe_other"}});
    ASSERT_TRUE(observedPipes.ok());
    ASSERT_TRUE((*observedPipes)[0].exists);
    EXPECT_EQ((*observedPipes)[0].fields["target"], "github");
    EXPECT_FALSE((*observedPipes)[1].exists);
    pipe.fields["development"] = false;
    auto updated = pipelines.update(pipe, (*observedPipes)[0], {"development"});
    ASSERT_TRUE(updated.ok()) << firstError(updated.diagnostics());
    EXPECT_EQ(updated->fields["development"], false);
    EXPECT_EQ(updated->fields["configuration"]["community_connector.managed_by"], "community-connector");
    pipeline = *updated;
  }

  void runIsFollowedToCompletionWithEachEventOnce() {
    auto run = registry.runner().start(pipeline.remoteId, false);
    ASSERT_TRUE(run.ok()) << firstError(run.diagnostics());
    engine::RunStatus status = run.value();
    std::vector<engine::RunEvent> events;
    for (int i = 0; i < 20 && !status.terminal(); ++i) {
      status = registry.runner().poll(pipeline.remoteId, run->updateId, true).value();
      events.insert(events.end(), status.events.begin(), status.events.end());
    }
    EXPECT_EQ(status.state, "COMPLETED");
    // The update's progress events arrive once each, oldest first, ending with the final state.
    std::set<std::string> ids;
    for (const auto& e : events) EXPECT_TRUE(ids.insert(e.id).second) << "event reported twice: " << e.message;
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().type, "update_progress");
    EXPECT_THAT(events.back().message, ::testing::HasSubstr("COMPLETED"));
    EXPECT_THAT(events.front().message, ::testing::Not(::testing::HasSubstr("COMPLETED")));
    EXPECT_FALSE(c.sleeper.sleeps().empty());  // polls after the first waited (on the fake sleeper)
  }

  void everythingIsRemoved() {
    auto& pipelines = registry.provider(ResourceKind::Pipeline);
    ASSERT_TRUE(pipelines.remove(pipeline).ok());
    ASSERT_TRUE(pipelines.remove(pipeline).ok());  // already gone is success
    ASSERT_TRUE(registry.provider(ResourceKind::Connection).remove(connection).ok());
    ASSERT_TRUE(registry.provider(ResourceKind::Repo).remove(createdRepo).ok());
    auto afterRepo = registry.provider(ResourceKind::Repo).observe({repo.key});
    ASSERT_TRUE(afterRepo.ok());
    EXPECT_FALSE((*afterRepo)[0].exists);
  }
};

TEST(ProviderRegistry, FullLifecycleOfEveryKind) {
  test_support::EmulatorProcess emulator(testing::emulatorBinary());
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(emulator)) << c.error;
  HttpsProviderRegistry registry(c.client, {&c.sleeper, Millis(1000)});
  EveryKindLifecycle steps{registry, c};
  ASSERT_NO_FATAL_FAILURE(steps.currentUserAndRootDirectory());
  ASSERT_NO_FATAL_FAILURE(steps.repoIsCreatedOnItsBranch());
  ASSERT_NO_FATAL_FAILURE(steps.ingestFileIsWrittenAndObservedByDigest());
  ASSERT_NO_FATAL_FAILURE(steps.connectionHidesItsSecretAndIsMarked());
  ASSERT_NO_FATAL_FAILURE(steps.pipelineIsCreatedThenUpdatedInPlace());
  ASSERT_NO_FATAL_FAILURE(steps.runIsFollowedToCompletionWithEachEventOnce());
  ASSERT_NO_FATAL_FAILURE(steps.everythingIsRemoved());
}

TEST(ProviderRegistry, WorkspaceSmallFiles) {
  test_support::EmulatorProcess emulator(testing::emulatorBinary());
  ASSERT_TRUE(emulator.ok()) << emulator.error();
  EmulatorClient c;
  ASSERT_TRUE(c.connectTo(emulator)) << c.error;
  HttpsProviderRegistry registry(c.client);
  auto& ws = registry.workspace();
  const std::string lock = "/Users/alice@example.com/.lakeflow_community_connectors/.community-connector/apply.lock";
  auto first = ws.createFileExclusive(lock, "{\"holder\":1}");
  ASSERT_TRUE(first.ok()) << firstError(first.diagnostics());
  EXPECT_TRUE(first.value());
  auto second = ws.createFileExclusive(lock, "{\"holder\":2}");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second.value());
  auto files = ws.readFiles({lock, lock + ".absent"});
  ASSERT_TRUE(files.ok()) << firstError(files.diagnostics());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files->at(lock).content, "{\"holder\":1}");
  ASSERT_TRUE(ws.writeFile(lock, "{\"holder\":3}").ok());
  EXPECT_EQ(ws.readFiles({lock}).value().at(lock).content, "{\"holder\":3}");
  ASSERT_TRUE(ws.deleteFile(lock).ok());
  ASSERT_TRUE(ws.deleteFile(lock).ok());
  EXPECT_TRUE(ws.readFiles({lock}).value().empty());
}

}  // namespace
}  // namespace cc::providers
