#include "providers/workspace_reader.h"

#include <algorithm>
#include <map>

#include "engine/deployment.h"
#include "engine/json_fields.h"
#include "engine/model.h"
#include "engine/ownership.h"
#include "engine/state_store.h"
#include "providers/workspace_api.h"

namespace cc::providers {
namespace {

using nlohmann::json;
using engine::stringOf;

using FingerprintRecords = std::map<std::string, json>;

// Every connection's fingerprint record: the deployment's state, then an earlier release's
// store of this user (none when they are missing or unreadable).
FingerprintRecords fingerprintRecords(WorkspaceApi& api, const std::string& deployment,
                                      const std::string& root) {
  FingerprintRecords records;
  engine::Deployment d;
  d.name = deployment;
  for (const std::string& path : {d.stateFile(), engine::legacyFingerprintStorePath(root)}) {
    auto file = api.exportFile(path);
    if (file) records.merge(engine::parseStateFile(file->content).fingerprints);
  }
  return records;
}

engine::ImportedConnection readConnection(const json& info, const FingerprintRecords& records) {
  engine::ImportedConnection c;
  c.info = info;
  const std::string name = stringOf(info, "name");
  const auto found = records.find(name);
  const json record = found == records.end() ? json::object() : found->second;
  const json& options = info.contains("options") && info["options"].is_object() ? info["options"] : json::object();
  if (record.contains("keys") && record["keys"].is_object()) {
    for (auto it = record["keys"].begin(); it != record["keys"].end(); ++it) {
      if (!options.contains(it.key())) c.secretKeys.push_back(it.key());
    }
  }
  std::sort(c.secretKeys.begin(), c.secretKeys.end());
  c.owned = engine::markerInComment(stringOf(info, "comment")).has_value() || record.value("adopted", false);
  return c;
}

engine::Result<engine::ImportedPipeline> readPipeline(WorkspaceApi& api, const std::string& id) {
  auto got = api.getPipeline(id);
  if (!got) return std::move(got).toResult("pipeline " + id).diagnostics();
  engine::ImportedPipeline p;
  p.spec = got->contains("spec") ? (*got)["spec"] : json::object();
  const json& configuration = p.spec.contains("configuration") ? p.spec["configuration"] : json::object();
  p.owned = configuration.is_object() &&
            (configuration.value(std::string(engine::kPipelineMarkerKey), "") == engine::kPipelineMarkerValue ||
             configuration.contains(std::string(engine::kPipelineDeploymentKey)));
  const std::string wp = engine::importedWorkspacePath(p.spec);
  if (wp.empty()) return p;
  auto file = api.exportFile(wp + "/ingest.py");
  if (file) p.ingestContent = file->content;
  auto repo = api.findRepoByPath(wp);
  if (repo && repo->has_value()) {
    const auto& r = **repo;
    p.repo = json{{"url", r.url}, {"provider", r.provider}, {"branch", r.branch}, {"path", r.path}};
    if (!r.sparsePatterns.empty()) (*p.repo)["sparse_checkout"] = {{"patterns", r.sparsePatterns}};
  }
  return p;
}

// The deployment the imported resources' markers name most often ("imported" when none does),
// so that the written manifest plans to no changes instead of a conflict.
std::string deploymentOfMarkers(const engine::ImportedWorkspace& ws) {
  std::map<std::string, int> votes;
  for (const auto& c : ws.connections)
    if (auto id = engine::markerInComment(stringOf(c.info, "comment")); id && !id->empty()) ++votes[*id];
  for (const auto& p : ws.pipelines) {
    const json& configuration = p.spec.contains("configuration") ? p.spec["configuration"] : json::object();
    if (configuration.is_object()) {
      const std::string id = configuration.value(std::string(engine::kPipelineDeploymentKey), "");
      if (!id.empty()) ++votes[id];
    }
  }
  std::string best = "imported/default";
  int most = 0;
  for (const auto& [id, n] : votes)
    if (n > most) best = id, most = n;
  return best.substr(0, best.find('/'));
}

}  // namespace

engine::Result<engine::ImportedWorkspace> readWorkspaceForImport(std::shared_ptr<WorkspaceClient> client,
                                                                 const ImportSelection& options) {
  WorkspaceApi api(std::move(client));
  engine::ImportedWorkspace ws;
  auto user = api.currentUserName();
  if (!user) return std::move(user).toResult("current user").diagnostics();
  ws.userName = *user;
  const std::string root = engine::toolRoot(ws.userName);

  auto connections = api.listConnections();
  if (!connections) return std::move(connections).toResult("connections").diagnostics();
  auto pipelines = api.listPipelines();
  if (!pipelines) return std::move(pipelines).toResult("pipelines").diagnostics();
  for (const auto& summary : *pipelines) {
    auto p = readPipeline(api, summary.pipelineId);
    if (!p) return p.diagnostics();
    ws.pipelines.push_back(std::move(p).value());
  }
  for (const auto& info : *connections) {
    const std::string type = stringOf(info, "connection_type");
    if (type == engine::kLakeflowConnectionType || type == engine::kCommunityConnectionType)
      ws.connections.push_back(readConnection(info, {}));
  }
  ws.deployment = options.deployment ? *options.deployment : deploymentOfMarkers(ws);
  const FingerprintRecords records = fingerprintRecords(api, ws.deployment, root);
  for (auto& c : ws.connections) c = readConnection(c.info, records);

  // Filters: a pipeline's source is in its ingest.py, so the writer decides; here the
  // connection's sourceName and the ownership markers.
  auto sourceOf = [](const engine::ImportedConnection& c) {
    return c.info.contains("options") ? stringOf(c.info["options"], "sourceName") : std::string();
  };
  std::erase_if(ws.connections, [&](const engine::ImportedConnection& c) {
    return (options.ownedOnly && !c.owned) || (options.source && sourceOf(c) != *options.source);
  });
  std::erase_if(ws.pipelines, [&](const engine::ImportedPipeline& p) {
    if (options.ownedOnly && !p.owned) return true;
    if (!options.source) return false;
    const std::string content = p.ingestContent.value_or("");
    return content.find("source_name = \"" + *options.source + "\"\n") == std::string::npos;
  });
  return ws;
}

}  // namespace cc::providers
