#include "engine/manifest_writer.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "engine/ascii_case.h"
#include "engine/connection_grants.h"
#include "engine/json_fields.h"
#include "engine/managed_pipeline_importer.h"
#include "engine/manifest_connection_auth.h"
#include "engine/model.h"
#include "engine/ownership.h"
#include "engine/pipeline_importer.h"

namespace cc::engine {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string resolveWorkspacePath(const std::string& pattern, const std::string& user, const std::string& name,
                                 const std::string& source) {
  std::string path = replaceAll(pattern, "{SOURCE_NAME}", source);
  path = replaceAll(path, "{PIPELINE_NAME}", name);
  path = replaceAll(path, "{CURRENT_USER}", user);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The workspace_path pattern that yields `path` for this pipeline: the user's home and the
// pipeline's name become placeholders again.
std::string derivePattern(const std::string& path, const std::string& user, const std::string& name) {
  std::string pattern = path;
  const std::string home = "/Users/" + user + "/";
  if (pattern.rfind(home, 0) == 0) pattern = "/Users/{CURRENT_USER}/" + pattern.substr(home.size());
  const std::string tail = "/" + name;
  if (pattern.size() > tail.size() && pattern.compare(pattern.size() - tail.size(), tail.size(), tail) == 0) {
    pattern = pattern.substr(0, pattern.size() - tail.size()) + "/{PIPELINE_NAME}";
  }
  return pattern;
}

// Strings YAML would read as another type (or not at all) are double-quoted.
bool needsQuotes(const std::string& s) {
  if (s.empty()) return true;
  const std::string lower = lowerAscii(s);
  static const char* const kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"};
  for (const char* w : kWords)
    if (lower == w) return true;
  auto asNumber = json::parse(s, nullptr, false);
  return !asNumber.is_discarded() && asNumber.is_number();
}

void emit(YAML::Emitter& out, const ordered_json& value, const std::string& path,
          const std::map<std::string, std::string>& comments) {
  if (value.is_object()) {
    if (value.empty()) {
      out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
      return;
    }
    out << YAML::BeginMap;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string child = path + "/" + it.key();
      out << YAML::Key << it.key() << YAML::Value;
      emit(out, *it, child, comments);
      if (auto c = comments.find(child); c != comments.end()) out << YAML::Comment(c->second);
    }
    out << YAML::EndMap;
  } else if (value.is_array()) {
    if (value.empty()) {
      out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
      return;
    }
    out << YAML::BeginSeq;
    std::size_t i = 0;
    for (const auto& item : value) emit(out, item, path + "/" + std::to_string(i++), comments);
    out << YAML::EndSeq;
  } else if (value.is_string()) {
    const std::string s = value.get<std::string>();
    if (needsQuotes(s)) out << YAML::DoubleQuoted;
    out << s;
  } else if (value.is_boolean()) {
    out << (value.get<bool>() ? "true" : "false");
  } else if (value.is_null()) {
    out << YAML::Null;
  } else {
    out << value.dump();
  }
}

struct Context {
  const ImportedWorkspace& ws;
  const BundledData& bundled;
  json config;  // bundled default_config (+ the chosen defaults.workspace_path)
  std::map<std::string, std::string> comments;
  std::vector<std::string> notes;
};

// Options an OAuth connection's `auth:` block gives or the tool sets (flow, grant).
bool inAuthBlock(const std::string& key) {
  const auto& stored = authStoredKeys();
  return key == "community_oauth_flow" || isGrantOption(key) || std::find(stored.begin(), stored.end(), key) != stored.end();
}

// A COMMUNITY connection's OAuth options as an `auth:` block. Its client secret is never
// returned, so it is written as ${env.NAME}; the grant stays out (only --authorize gives one).
ordered_json authEntry(const ImportedConnection& c, const std::string& flow, Context& ctx) {
  const std::string name = stringOf(c.info, "name");
  const json& options = memberOf(c.info, "options");
  ordered_json auth = ordered_json::object();
  auth["type"] = flow;
  std::set<std::string> hidden(c.secretKeys.begin(), c.secretKeys.end());
  hidden.insert("client_secret");
  for (const auto& key : authStoredKeys()) {
    if (hidden.count(key)) {
      const std::string env = secretEnvName(name, key);
      auth[key] = "${env." + env + "}";
      ctx.comments["/connections/" + name + "/auth/" + key] = "secret: export " + env + " (the API never returns it)";
      ctx.notes.push_back("connection " + name + ": auth." + key + " is secret; set " + env +
                          " in the environment to the current value before plan");
    } else if (const std::string value = stringOf(options, key.c_str()); options.contains(key)) {
      auth[key] = value;
    }
  }
  if (flow == "u2m" || flow == "u2m_per_user")
    ctx.notes.push_back("connection " + name + ": its OAuth grant is not imported; `apply --authorize " + name +
                        "` renews it when needed");
  return auth;
}

ordered_json connectionEntry(const ImportedConnection& c, Context& ctx) {
  const std::string name = stringOf(c.info, "name");
  const json& options = memberOf(c.info, "options");
  ordered_json entry = ordered_json::object();
  entry["source"] = options.is_object() ? stringOf(options, "sourceName") : "";
  // The default type is left out, so a manifest imported today still reads as before.
  if (const std::string type = stringOf(c.info, "connection_type"); !type.empty() && type != kLakeflowConnectionType)
    entry["type"] = type;
  std::string comment = stringOf(c.info, "comment");
  if (markerInComment(comment)) {
    // The tool writes the marker itself; what stays is the user's part.
    const auto open = comment.rfind(" (");
    comment = comment.back() == ')' && open != std::string::npos ? comment.substr(0, open) : std::string();
  }
  if (!comment.empty()) entry["comment"] = comment;
  const std::string flow = options.is_object() ? stringOf(options, "community_oauth_flow") : "";
  if (!flow.empty()) entry["auth"] = authEntry(c, flow, ctx);
  ordered_json opts = ordered_json::object();
  const std::string allow = stringOf(memberOf(ctx.config, "connection"), "external_options_allowlist");
  if (options.is_object()) {
    for (auto it = options.begin(); it != options.end(); ++it) {
      if (it.key() == "sourceName") continue;
      if (it.key() == "externalOptionsAllowList" && *it == allow) continue;
      if (!flow.empty() && inAuthBlock(it.key())) continue;
      opts[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
    }
  }
  for (const auto& key : c.secretKeys) {
    if (!flow.empty() && inAuthBlock(key)) continue;
    const std::string env = secretEnvName(name, key);
    opts[key] = "${env." + env + "}";
    ctx.comments["/connections/" + name + "/options/" + key] = "secret: export " + env + " (the API never returns it)";
    ctx.notes.push_back("connection " + name + ": option " + key + " is secret; set " + env +
                        " in the environment to the current value before plan");
  }
  if (c.secretKeys.empty() && !c.owned) {
    ctx.comments["/connections/" + name + "/source"] =
        "the API hides credential options: add them under options as ${env.NAME} before `apply --adopt`";
    ctx.notes.push_back("connection " + name + ": its credential options are hidden by the API; add them under "
                        "options (as ${env.NAME}) before `apply --adopt`, which refuses to erase them");
  }
  if (!opts.empty()) entry["options"] = std::move(opts);
  return entry;
}

}  // namespace

std::string importedWorkspacePath(const json& spec) {
  std::string root = stringOf(spec, "root_path");
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!root.empty()) return root;
  const json& libs = memberOf(spec, "libraries");
  if (!libs.is_array()) return {};
  for (const auto& lib : libs) {
    for (const char* kind : {"file", "notebook"}) {
      const std::string p = stringOf(memberOf(lib, kind), "path");
      if (p.ends_with("/ingest.py")) return p.substr(0, p.size() - std::string("/ingest.py").size());
    }
  }
  return {};
}

std::string secretEnvName(const std::string& connection, const std::string& key) {
  std::string out;
  for (char c : connection + "_" + key) {
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  }
  return out;
}

WrittenManifest writeManifest(const ImportedWorkspace& ws, const BundledData& bundled) {
  Context ctx{ws, bundled, bundled.defaultConfig, {}, {}};
  const std::string defaultPattern = stringOf(ctx.config, "workspace_path");

  // One workspace_path pattern serves the whole manifest: keep the one most pipelines need.
  std::vector<const ImportedPipeline*> pipelines;
  for (const auto& p : ws.pipelines) pipelines.push_back(&p);
  std::sort(pipelines.begin(), pipelines.end(),
            [](auto* a, auto* b) { return stringOf(a->spec, "name") < stringOf(b->spec, "name"); });
  std::map<std::string, int> patternVotes;
  for (const auto* p : pipelines) {
    const std::string name = stringOf(p->spec, "name");
    const std::string wp = importedWorkspacePath(p->spec);
    if (wp.empty()) continue;
    if (resolveWorkspacePath(defaultPattern, ws.userName, name, "") == wp) patternVotes[defaultPattern] += 1;
    else patternVotes[derivePattern(wp, ws.userName, name)] += 1;
  }
  std::string pattern = defaultPattern;
  int best = patternVotes.count(defaultPattern) ? patternVotes[defaultPattern] : 0;
  for (const auto& [candidate, votes] : patternVotes)
    if (votes > best) pattern = candidate, best = votes;

  ordered_json doc = ordered_json::object();
  doc["version"] = 1;
  doc["deployment"] = ws.deployment;
  if (pattern != defaultPattern) {
    doc["defaults"] = {{"workspace_path", pattern}};
    ctx.config["workspace_path"] = pattern;
  }

  std::vector<const ImportedConnection*> connections;
  for (const auto& c : ws.connections) connections.push_back(&c);
  std::sort(connections.begin(), connections.end(),
            [](auto* a, auto* b) { return stringOf(a->info, "name") < stringOf(b->info, "name"); });
  ordered_json connectionMap = ordered_json::object();
  for (const auto* c : connections) connectionMap[stringOf(c->info, "name")] = connectionEntry(*c, ctx);
  if (!connectionMap.empty()) doc["connections"] = std::move(connectionMap);

  ordered_json pipelineMap = ordered_json::object();
  for (const auto* p : pipelines) {
    const std::string name = stringOf(p->spec, "name");
    if (isManagedPipelineSpec(p->spec)) {
      if (auto entry = importManagedPipelineEntry(*p, ctx.config, ws, ctx.notes)) pipelineMap[name] = std::move(*entry);
      continue;
    }
    const std::string wp = importedWorkspacePath(p->spec);
    if (wp.empty()) {
      ctx.notes.push_back("pipeline " + name + " is left out: neither root_path nor an ingest.py library says where its files are");
      continue;
    }
    if (resolveWorkspacePath(pattern, ws.userName, name, "") != wp) {
      ctx.notes.push_back("pipeline " + name + " is left out: its files are at " + wp +
                          ", not where defaults.workspace_path (" + pattern + ") puts them; import it on its own");
      continue;
    }
    auto entry = importPipelineEntry(*p, wp, ctx.config, bundled, ws, ctx.notes);
    if (entry) pipelineMap[name] = std::move(*entry);
  }
  if (!pipelineMap.empty()) doc["pipelines"] = std::move(pipelineMap);

  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, doc, "", ctx.comments);
  WrittenManifest written;
  written.yaml = "# yaml-language-server: $schema=manifest.schema.json\n"
                 "# Written by `community-connector import`; `community-connector plan` shows no changes for it.\n"
                 "# `community-connector schema --write` puts manifest.schema.json beside it for editors.\n";
  for (const auto& note : ctx.notes) written.yaml += "# note: " + note + "\n";
  written.yaml += out.c_str();
  written.yaml += "\n";
  written.notes = std::move(ctx.notes);
  return written;
}

}  // namespace cc::engine
