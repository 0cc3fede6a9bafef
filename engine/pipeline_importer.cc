#include "engine/pipeline_importer.h"

#include "engine/ingest_file_reader.h"
#include "engine/ingest_template.h"
#include "engine/json_fields.h"
#include "engine/model.h"
#include "engine/ownership.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

json substitute(const json& value, const std::string& workspacePath) {
  if (value.is_string()) return replaceAll(value.get<std::string>(), "{WORKSPACE_PATH}", workspacePath);
  json out = value;
  if (value.is_array() || value.is_object())
    for (auto& item : out) item = substitute(item, workspacePath);
  return out;
}

// The `repo:` overrides that make the model's repo equal the observed Git folder.
ordered_json repoOverrides(const json& repo, const json& base, const std::string& source) {
  ordered_json out = ordered_json::object();
  for (const char* key : {"url", "provider", "branch"}) {
    const std::string seen = stringOf(repo, key);
    if (!seen.empty() && seen != stringOf(base, key)) out[key] = seen;
  }
  json wanted = json::array();
  for (const auto& pat : memberOf(memberOf(base, "sparse_checkout"), "patterns")) {
    if (pat.is_string()) wanted.push_back(replaceAll(pat.get<std::string>(), "{SOURCE_NAME}", source));
  }
  json seen = memberOf(memberOf(repo, "sparse_checkout"), "patterns");
  if (!seen.is_array()) seen = json::array();
  if (seen != wanted) out["sparse_checkout"] = {{"patterns", seen}};
  return out;
}

// The `pipeline:` overrides that make the model's spec equal the observed one.
ordered_json settingsOverrides(const json& spec, const json& base, const std::string& workspacePath,
                               const std::string& name, std::vector<std::string>& notes) {
  ordered_json out = pipelineSettingsOverrides(spec, base, name, notes);
  const std::string root = stringOf(spec, "root_path");
  if (root != replaceAll(stringOf(base, "root_path"), "{WORKSPACE_PATH}", workspacePath)) out["root_path"] = root;
  Diagnostics ignored;
  const json expected = convertLibraries(substitute(memberOf(base, "libraries"), workspacePath), ignored, "");
  json libraries = memberOf(spec, "libraries").is_array() ? memberOf(spec, "libraries") : json::array();
  if (libraries != expected) out["libraries"] = libraries;
  return out;
}

}  // namespace

std::string connectionSource(const ImportedWorkspace& ws, const std::string& connection) {
  for (const auto& c : ws.connections) {
    if (stringOf(c.info, "name") == connection) return stringOf(memberOf(c.info, "options"), "sourceName");
  }
  return {};
}

ordered_json pipelineSettingsOverrides(const json& spec, const json& base, const std::string& name,
                                       std::vector<std::string>& notes) {
  ordered_json out = ordered_json::object();
  for (const char* key : {"channel", "continuous", "development", "serverless", "photon", "edition"}) {
    const json& seen = memberOf(spec, key);
    const json& def = memberOf(base, key);
    if (!seen.is_null() && seen != def) out[key] = seen;
    if (seen.is_null() && !def.is_null()) {
      notes.push_back("pipeline " + name + ": " + key + " is unset in the workspace but the defaults set it; plan will set it");
    }
  }
  json configuration = memberOf(spec, "configuration").is_object() ? memberOf(spec, "configuration") : json::object();
  configuration.erase(std::string(kPipelineMarkerKey));
  configuration.erase(std::string(kPipelineDeploymentKey));
  if (!configuration.empty()) out["configuration"] = configuration;
  for (const char* key : {"notifications", "tags"}) {
    if (!memberOf(spec, key).is_null()) out[key] = memberOf(spec, key);
  }
  return out;
}

std::optional<ordered_json> importPipelineEntry(const ImportedPipeline& p, const std::string& workspacePath,
                                                const json& config, const BundledData& bundled,
                                                const ImportedWorkspace& ws, std::vector<std::string>& notes) {
  const std::string name = stringOf(p.spec, "name");
  std::optional<IngestFileFacts> facts;
  if (p.ingestContent) facts = readIngestFile(*p.ingestContent);
  if (!facts) {
    notes.push_back("pipeline " + name + " is left out: " + workspacePath +
                    "/ingest.py is missing or was not written by this tool, so its source and connection are unknown");
    return std::nullopt;
  }
  std::string source = facts->sourceName;
  if (source.empty()) source = connectionSource(ws, facts->connectionName);
  if (facts->connectionName.empty()) {
    notes.push_back("pipeline " + name + " is left out: its ingest.py names no connection");
    return std::nullopt;
  }

  ordered_json entry = ordered_json::object();
  entry["source"] = source;
  entry["connection"] = facts->connectionName;
  if (!stringOf(p.spec, "catalog").empty()) entry["catalog"] = stringOf(p.spec, "catalog");
  if (!stringOf(p.spec, "target").empty()) entry["schema"] = stringOf(p.spec, "target");

  // objects: none when the file is the plain template; else the spec's, checked by re-rendering.
  const std::string& content = *p.ingestContent;
  // A manifest pipeline always has objects; the plain template (create_pipeline without -ps)
  // has none that a manifest could reproduce.
  if (renderIngestFile(bundled, source, facts->connectionName, json::array()) == content) {
    notes.push_back("pipeline " + name + " is left out: its ingest.py is the template without objects; "
                    "declare its objects in a manifest to manage it");
    return std::nullopt;
  }
  const json objects = facts->objects && facts->objects->is_array() ? *facts->objects : json::array();
  if (objects.empty()) {
    notes.push_back("pipeline " + name + " is left out: its ingest.py lists no objects");
    return std::nullopt;
  }
  if (renderIngestFile(bundled, source, facts->connectionName, objects) != content) {
    notes.push_back("pipeline " + name + ": " + workspacePath +
                    "/ingest.py differs from what its objects render (edited by hand?); plan will rewrite it");
  }
  entry["objects"] = objects;

  if (p.repo) {
    ordered_json repo = repoOverrides(*p.repo, memberOf(config, "repo"), source);
    if (!repo.empty()) entry["repo"] = std::move(repo);
  } else {
    notes.push_back("pipeline " + name + ": no Git folder at " + workspacePath + "; plan will create one");
  }
  ordered_json settings = settingsOverrides(p.spec, memberOf(config, "pipeline"), workspacePath, name, notes);
  if (!settings.empty()) entry["pipeline"] = std::move(settings);
  return entry;
}

}  // namespace cc::engine
