#include "engine/semantic_checks.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "engine/ascii_case.h"
#include "engine/connector_spec_source.h"
#include "engine/ingestion_mode_checks.h"
#include "engine/json_fields.h"
#include "engine/manifest_connection_auth.h"
#include "engine/pipeline_spec_validator.h"
#include "engine/url_user_info.h"

namespace cc::engine {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameLength = 255;

std::string ptr(std::initializer_list<std::string> tokens) {
  std::string out;
  for (const auto& t : tokens) {
    out += '/';  // appended, not `"/" + token`: GCC 12 at -O3 warns falsely (-Wrestrict) on that
    out += escapePointerToken(t);
  }
  return out;
}

bool isUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }


}  // namespace

void checkVersion(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  const json* v = findMember(doc, "version");
  if (!v) return;  // the schema reports the missing key
  if (v->is_number_integer() && v->get<long long>() == kManifestVersion) return;
  // Appended, not `"'" + value`: GCC 12 at -O3 warns falsely (-Wrestrict) on that.
  const std::string shown = v->is_string() ? std::string("'").append(v->get<std::string>()).append("'") : v->dump();
  diags.error("unsupported manifest version " + shown + ": this build knows version 1", sources.find("/version"),
              "write 'version: 1'");
}

namespace {

// Unity Catalog names are case-insensitive: `Dup` and `dup` are one connection, so the second
// create would fail half-way through an apply (409) and every later plan would show a change.
void checkCaseInsensitiveNames(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  const json* items = findMember(doc, "connections");
  if (!items || !items->is_object()) return;
  // In file order, so the later of two spellings is the one reported.
  std::vector<std::pair<int, std::string>> names;
  for (const auto& [name, value] : items->items()) {
    const auto where = sources.findKey(ptr({"connections", name}));
    names.emplace_back(where ? where->line : 0, name);
  }
  std::sort(names.begin(), names.end());
  std::map<std::string, std::string> firstByFolded;
  for (const auto& [line, name] : names) {
    auto [it, inserted] = firstByFolded.emplace(lowerAscii(name), name);
    if (inserted) continue;
    diags.error("connection names '" + it->second + "' and '" + name +
                    "' differ only in case; Unity Catalog names are case-insensitive, so they name one connection",
                sources.findKey(ptr({"connections", name})), "rename one of them or remove the duplicate");
  }
}

}  // namespace

void checkResourceNames(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  for (const char* section : {"connections", "pipelines"}) {
    const json* items = findMember(doc, section);
    if (!items || !items->is_object()) continue;
    const std::string kind = std::string(section) == "connections" ? "connection" : "pipeline";
    for (const auto& [name, value] : items->items()) {
      auto where = sources.findKey(ptr({section, name}));
      if (name.empty()) {
        diags.error(kind + " name must not be empty", where);
        continue;
      }
      if (name.find('/') != std::string::npos)
        diags.error(kind + " name '" + name + "' must not contain '/'", where);
      // A pipeline's name is a folder of the tool's workspace paths: '.' and '..' would
      // address the folder itself or its parent.
      if (name == "." || name == "..")
        diags.error(kind + " name '" + name + "' is not allowed: it names a folder, not a resource", where,
                    "choose a name with letters, digits, '_' or '-'");
      for (char c : name) {
        if (std::isspace(static_cast<unsigned char>(c))) {
          diags.error(kind + " name '" + name + "' must not contain whitespace", where,
                      "use '_' or '-' between words");
          break;
        }
      }
      if (name.size() > kMaxNameLength)
        diags.error(kind + " name '" + name.substr(0, 40) + "...' is longer than 255 characters", where);
    }
  }
  checkCaseInsensitiveNames(doc, sources, diags);
}

bool isAllowedWorkspaceUrl(const std::string& url, std::string* whyNot) {
  auto fail = [&](std::string why) {
    if (whyNot) *whyNot = std::move(why);
    return false;
  };
  const bool https = url.rfind("https://", 0) == 0;
  const bool http = url.rfind("http://", 0) == 0;
  if (!https && !http) return fail("must be an https:// URL");
  std::string rest = url.substr(https ? 8 : 7);
  std::string host = rest.substr(0, rest.find_first_of("/?#"));
  if (hasUserInfo(url))
    return fail("holds user information (user:password@): credentials belong in DATABRICKS_TOKEN or a profile");
  if (!host.empty() && host[0] == '[') {
    host = host.substr(1, host.find(']') == std::string::npos ? std::string::npos : host.find(']') - 1);
  } else if (auto colon = host.find(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  if (host.empty()) return fail("has no host name");
  if (https) return true;
  const bool loopback = host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
  if (!loopback) return fail("uses http://, which is allowed only for a loopback host (localhost, 127.0.0.1, ::1)");
  return true;
}

void checkWorkspaceHost(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  const json* ws = findMember(doc, "workspace");
  const std::string* host = ws ? findString(*ws, "host") : nullptr;
  if (!host) return;
  std::string why;
  if (!isAllowedWorkspaceUrl(*host, &why))
    diags.error("workspace.host '" + withoutUserInfo(*host) + "' " + why, sources.find("/workspace/host"),
                "for example https://adb-1234567890123456.7.azuredatabricks.net");
}

void checkPipelineConnections(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  const json* pipelines = findMember(doc, "pipelines");
  const json* connections = findMember(doc, "connections");
  if (!pipelines || !pipelines->is_object()) return;
  for (const auto& [name, pipeline] : pipelines->items()) {
    const std::string* conn = findString(pipeline, "connection");
    const std::string* source = findString(pipeline, "source");
    if (!conn || !source || !connections || !connections->is_object()) continue;
    auto it = connections->find(*conn);
    if (it == connections->end()) continue;  // must exist in the workspace: checked by plan
    const std::string* connSource = findString(*it, "source");
    if (connSource && *connSource != *source)
      diags.error("pipeline '" + name + "' has source '" + *source + "' but its connection '" + *conn +
                      "' has source '" + *connSource + "'",
                  sources.find(ptr({"pipelines", name, "source"})),
                  "a pipeline reads through a connection of the same connector source");
  }
}

void checkPipelineObjects(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  const json* pipelines = findMember(doc, "pipelines");
  if (!pipelines || !pipelines->is_object()) return;
  for (const auto& [name, pipeline] : pipelines->items()) {
    const json* objects = findMember(pipeline, "objects");
    if (!objects) continue;  // the schema reports the missing key
    const std::string base = ptr({"pipelines", name});
    auto report = validatePipelineObjects(*objects);
    for (const auto& e : report.errors) {
      const std::string at = e.path.empty() ? "" : " at '" + e.path + "'";
      diags.error("invalid pipeline spec" + at + " of pipeline '" + name + "': " + e.message,
                  sources.find(base + e.pointer));
    }
    for (const auto& w : report.warnings)
      diags.warning(w.message + " (pipeline '" + name + "')", sources.findKey(base + w.pointer));
  }
}

// The option keys a connection gives: its options, its auth block's stored keys, and the
// community_oauth_flow an OAuth auth sets (which makes the spec's OAuth keys known).
namespace {

std::set<std::string> providedOptionKeys(const json& conn, const ConnectorSpec& spec) {
  std::set<std::string> provided;
  if (const json* options = findMember(conn, "options"); options && options->is_object())
    for (const auto& [key, value] : options->items()) provided.insert(key);
  const json* auth = findMember(conn, "auth");
  if (!auth || !auth->is_object()) return provided;
  for (const auto& key : authStoredKeys())
    if (auth->contains(key)) provided.insert(key);
  const std::string* type = findString(*auth, "type");
  const bool oauth = type ? lowerAscii(*type) != "static" : spec.oauth.flow.has_value();
  if (oauth) provided.insert("community_oauth_flow");
  return provided;
}

}  // namespace

void checkConnectorSpecs(const json& doc, const SourceMap& sources, const std::string& baseDir, Diagnostics& diags,
                         std::map<std::string, ConnectorSpec>& specs) {
  const json* connections = findMember(doc, "connections");
  if (!connections || !connections->is_object()) return;
  for (const auto& [name, conn] : connections->items()) {
    const std::string* spec = findString(conn, "spec");
    if (!spec || spec->empty()) continue;
    const std::string specPtr = ptr({"connections", name, "spec"});
    if (isUrl(*spec)) {
      diags.warning("connection '" + name + "': connector spec '" + *spec +
                        "' is a URL and validate works offline, so its options are not checked",
                    sources.find(specPtr), "download the spec and name the local file to check options");
      continue;
    }
    std::filesystem::path path(*spec);
    if (path.is_relative() && !baseDir.empty()) path = std::filesystem::path(baseDir) / path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      diags.error("connection '" + name + "': connector spec file '" + *spec + "' not found",
                  sources.find(specPtr), "spec paths are relative to the manifest's directory");
      continue;
    }
    auto loaded = loadConnectorSpecFile(path.lexically_normal().string());
    if (!loaded) {
      diags.append(loaded.diagnostics());
      continue;
    }
    std::set<std::string> provided = providedOptionKeys(conn, *loaded);
    const std::string* source = findString(conn, "source");
    auto check = validateConnectionOptions(*loaded, provided, source ? *source : name);
    const std::string optionsPtr = ptr({"connections", name, "options"});
    for (const auto& e : check.errors)
      diags.error("connection '" + name + "': " + e, conn.contains("options") ? sources.findKey(optionsPtr)
                                                                               : sources.findKey(ptr({"connections", name})));
    for (const auto& w : check.warnings) diags.warning("connection '" + name + "': " + w, sources.findKey(optionsPtr));
    specs.emplace(name, std::move(loaded.value()));
  }
}

namespace {

// A continuous pipeline's update never ends, so `run: {wait: true}` would poll for ever.
void checkContinuousWait(const json& doc, const SourceMap& sources, Diagnostics& diags) {
  const json* pipelines = findMember(doc, "pipelines");
  if (!pipelines || !pipelines->is_object()) return;
  const json* defaults = findMember(doc, "defaults");
  const json* defaultSettings = defaults ? findMember(*defaults, "pipeline") : nullptr;
  const json* defaultContinuous = defaultSettings ? findMember(*defaultSettings, "continuous") : nullptr;
  for (const auto& [name, pipeline] : pipelines->items()) {
    const json* settings = findMember(pipeline, "pipeline");
    const json* continuous = settings ? findMember(*settings, "continuous") : nullptr;
    if (!continuous) continuous = defaultContinuous;
    const json* run = findMember(pipeline, "run");
    const json* wait = run ? findMember(*run, "wait") : nullptr;
    if (!continuous || *continuous != true || !wait || *wait != true) continue;
    diags.error("pipeline '" + name + "' is continuous, so its update never finishes and run.wait would wait for ever",
                sources.find(ptr({"pipelines", name, "run", "wait"})),
                "set run.wait to false (the update keeps running in the workspace), or make the pipeline triggered");
  }
}

}  // namespace

void checkManifestSemantics(const json& doc, const SourceMap& sources, const std::string& baseDir,
                            Diagnostics& diags, std::map<std::string, ConnectorSpec>& specs) {
  checkVersion(doc, sources, diags);
  checkResourceNames(doc, sources, diags);
  checkWorkspaceHost(doc, sources, diags);
  checkPipelineConnections(doc, sources, diags);
  checkPipelineObjects(doc, sources, diags);
  checkContinuousWait(doc, sources, diags);
  checkConnectorSpecs(doc, sources, baseDir, diags, specs);
  checkIngestionModes(doc, sources, baseDir, diags);
}

}  // namespace cc::engine
