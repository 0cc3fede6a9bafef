#include "providers/connection_users.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "engine/ascii_case.h"
#include "engine/ingest_file_reader.h"
#include "engine/json_fields.h"
#include "engine/manifest_writer.h"
#include "providers/workspace_api.h"

namespace cc::providers {
namespace {

using nlohmann::json;

// The connection a pipeline's spec names, or "" when it names none itself (file-based pipelines
// name it in ingest.py).
std::string managedConnection(const json& spec) {
  if (!spec.contains("ingestion_definition") || !spec["ingestion_definition"].is_object()) return {};
  return engine::stringOf(spec["ingestion_definition"], "connection_name");
}

// The connection `spec`'s pipeline uses: its ingestion definition's, else its ingest.py's; ""
// when neither says. nullopt with `error` set when a read failed for another reason than absence.
std::optional<std::string> connectionOf(WorkspaceApi& api, const json& spec, engine::Diagnostics& error) {
  if (auto managed = managedConnection(spec); !managed.empty()) return managed;
  const std::string folder = engine::importedWorkspacePath(spec);
  if (folder.empty()) return std::string();
  auto file = api.exportFile(folder + "/ingest.py");
  if (!file) {
    if (file.error().isNotFound()) return std::string();
    error = std::move(file).toResult("pipeline " + engine::stringOf(spec, "name") + " ingest.py").diagnostics();
    return std::nullopt;
  }
  auto facts = engine::readIngestFile(file->content);
  return facts ? facts->connectionName : std::string();
}

// Unity Catalog compares connection names without regard to case.
bool sameConnectionName(const std::string& a, const std::string& b) {
  return engine::equalsIgnoringAsciiCase(a, b);
}

}  // namespace

engine::Result<std::vector<std::string>> pipelinesUsingConnection(WorkspaceApi& api, const std::string& connection) {
  auto pipelines = api.listPipelines();
  if (!pipelines) return std::move(pipelines).toResult("pipelines").diagnostics();
  std::vector<std::string> users;
  for (const auto& summary : *pipelines) {
    auto got = api.getPipeline(summary.pipelineId);
    if (!got && got.error().isNotFound()) continue;  // deleted since the list
    if (!got) return std::move(got).toResult("pipeline " + summary.name).diagnostics();
    const json spec = got->contains("spec") && (*got)["spec"].is_object() ? (*got)["spec"] : json::object();
    engine::Diagnostics error;
    auto used = connectionOf(api, spec, error);
    if (!used) return error;
    if (sameConnectionName(*used, connection)) users.push_back(summary.name.empty() ? engine::stringOf(spec, "name") : summary.name);
  }
  std::sort(users.begin(), users.end());
  return users;
}

}  // namespace cc::providers
