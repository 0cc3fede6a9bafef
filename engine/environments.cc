#include "engine/environments.h"

#include <vector>

#include "engine/did_you_mean.h"
#include "engine/ownership.h"

namespace cc::engine {
namespace {

using nlohmann::json;

// Objects merge member by member; anything else replaces. `at` and `from` are the pointers
// of `into` and `over`, so positions follow the override.
void mergeInto(json& into, const json& over, const std::string& at, const std::string& from, SourceMap& sources) {
  if (!into.is_object() || !over.is_object()) {
    into = over;
    sources.alias(from, at);
    return;
  }
  for (const auto& [key, value] : over.items()) {
    const std::string token = escapePointerToken(key);
    if (into.contains(key)) {
      mergeInto(into[key], value, at + "/" + token, from + "/" + token, sources);
    } else {
      into[key] = value;
      sources.alias(from + "/" + token, at + "/" + token);
    }
  }
}

void overrideVariables(json& doc, const json& values, const std::string& from, SourceMap& sources,
                       Diagnostics& diags) {
  if (!values.is_object()) return;  // the schema reports it
  for (const auto& [name, value] : values.items()) {
    const std::string where = from + "/" + escapePointerToken(name);
    auto declared = doc.find("variables");
    if (declared == doc.end() || !declared->is_object() || !declared->contains(name)) {
      diags.error("environment sets variable '" + name + "', which the manifest does not declare",
                  sources.findKey(where), "declare it under `variables:` (with a default for the other environments)");
      continue;
    }
    json& decl = (*declared)[name];
    if (!decl.is_object()) continue;
    decl["default"] = value;
    sources.alias(where, "/variables/" + escapePointerToken(name) + "/default");
  }
}

}  // namespace

void applyEnvironment(json& doc, SourceMap& sources, const std::string& environmentIn, Diagnostics& diags) {
  const std::string environment = environmentIn.empty() ? std::string(kDefaultEnvironment) : environmentIn;
  if (!isDeploymentName(environment)) {
    diags.error("environment name '" + environment + "' is not valid", std::nullopt,
                "use 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
    return;
  }
  if (!doc.is_object()) return;
  auto environments = doc.find("environments");
  if (environments == doc.end() || !environments->is_object()) {
    if (environment != kDefaultEnvironment)
      diags.error("environment '" + environment + "' is not defined: the manifest has no `environments:`", std::nullopt,
                  "add `environments: {" + environment + ": {}}` to the manifest, or leave out -e/--env");
    return;
  }
  auto chosen = environments->find(environment);
  if (chosen == environments->end()) {
    if (environment == kDefaultEnvironment) return;  // no overrides for the default one
    std::vector<std::string> names;
    for (const auto& [name, value] : environments->items()) names.push_back(name);
    std::string help = "the manifest defines:";
    for (const auto& n : names) help += " " + n;
    if (auto close = closestMatch(environment, names)) help = "did you mean '" + *close + "'? " + help;
    diags.error("environment '" + environment + "' is not defined in the manifest", sources.findKey("/environments"), help);
    return;
  }
  if (!chosen->is_object()) return;  // the schema reports it
  const json overrides = *chosen;
  const std::string from = "/environments/" + escapePointerToken(environment);
  for (const char* section : {"workspace", "defaults"}) {
    auto value = overrides.find(section);
    if (value == overrides.end()) continue;
    if (!doc.contains(section)) {
      doc[section] = json::object();
      sources.alias(from + "/" + section, std::string("/") + section);
    }
    mergeInto(doc[section], *value, std::string("/") + section, from + "/" + section, sources);
  }
  if (auto vars = overrides.find("variables"); vars != overrides.end())
    overrideVariables(doc, *vars, from + "/variables", sources, diags);
}

Deployment resolveDeployment(const json& doc, const SourceMap& sources, const std::string& file,
                             const std::string& environment, Diagnostics& diags) {
  Deployment d;
  d.environment = environment.empty() ? std::string(kDefaultEnvironment) : environment;
  auto named = doc.is_object() ? doc.find("deployment") : doc.end();
  if (named != doc.end() && named->is_string()) {
    d.name = named->get<std::string>();  // the schema checks its shape
  } else {
    d.name = deploymentNameFromFile(file);
    d.named = false;
    diags.warning("the manifest names no deployment; it is deployment '" + d.name + "' (from the file name)",
                  sources.find("/version"),
                  "add `deployment: " + d.name + "` so that renaming the file cannot change what it owns");
  }
  if (doc.is_object() && doc.contains("workspace") && doc["workspace"].is_object()) {
    const json& ws = doc["workspace"];
    if (auto path = ws.find("state_path"); path != ws.end() && path->is_string()) {
      const std::string text = path->get<std::string>();
      auto normal = normalWorkspacePath(text);
      if (!normal || *normal != text || *normal == "/") {
        diags.error("workspace.state_path '" + text + "' is not a plain absolute workspace folder",
                    sources.find("/workspace/state_path"), "write it as /Shared/..., with no '.', '..' or '//' parts");
      } else {
        d.statePath = *normal;
      }
    }
  }
  return d;
}

}  // namespace cc::engine
