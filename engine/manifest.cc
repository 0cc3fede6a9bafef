// loadManifest: the validation pipeline up to the model (load → interpolate → schema → rules
// → secrets), reporting every problem at once.
#include "engine/manifest.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/connector_spec.h"
#include "engine/credential_names.h"
#include "engine/environments.h"
#include "engine/manifest_connection_auth.h"
#include "engine/manifest_loader.h"
#include "engine/schema_validator.h"
#include "engine/semantic_checks.h"

namespace cc::engine {
namespace {

using nlohmann::json;

// Findings about these nodes come from semantic checks in the original tool's or our own
// better words, so the schema's version of them is dropped.
bool leftToSemanticChecks(const std::string& pointer) {
  if (pointer == "/version") return true;
  if (pointer.rfind("/pipelines/", 0) != 0) return false;
  const auto slash = pointer.find('/', 11);
  if (slash == std::string::npos) return false;
  return pointer.compare(slash, 8, "/objects") == 0 &&
         (pointer.size() == slash + 8 || pointer[slash + 8] == '/');
}

std::string scalarText(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

InterpolationScope buildScope(const json& doc, const ManifestInput& input, const SourceMap& sources,
                              Diagnostics& diags) {
  InterpolationScope scope;
  scope.env = input.env ? input.env : processEnvironment();
  scope.unsetEnvIsWarning = input.unsetEnvIsWarning;
  if (auto v = doc.find("variables"); v != doc.end() && v->is_object()) {
    for (const auto& [name, decl] : v->items()) {
      scope.declared.insert(name);
      if (!decl.is_object()) continue;
      if (auto d = decl.find("default"); d != decl.end() && (d->is_string() || d->is_number() || d->is_boolean()))
        scope.vars[name] = scalarText(*d);
    }
  }
  if (auto p = doc.find("public_env"); p != doc.end() && p->is_array()) {
    for (const auto& name : *p)
      if (name.is_string()) scope.publicEnv.insert(name.get<std::string>());
  }
  if (auto v = doc.find("variables"); v != doc.end() && v->is_object()) {
    for (const auto& [name, decl] : v->items())
      if (decl.is_object() && decl.value("sensitive", false) == true) scope.sensitiveVars.insert(name);
  }
  for (const auto& [name, value] : input.vars) {
    if (!scope.declared.count(name)) {
      diags.error("--var " + name + " sets a variable the manifest does not declare",
                  doc.contains("variables") ? sources.findKey("/variables") : std::nullopt,
                  "declare it under 'variables' (or remove the --var)");
      continue;
    }
    scope.vars[name] = value;
  }
  return scope;
}

struct SecretScope {
  const InterpolatedDocument& interp;
  const SourceMap& sources;
  Diagnostics& diags;
  std::map<std::string, Secret>& secrets;
};

// One connection's `options` (or the stored keys of its `auth`): each sensitive value moves
// into `secrets`, leaving its source text.
void extractSectionSecrets(const std::string& name, const std::string& section, json& values,
                           const std::set<std::string>& specSecrets, SecretScope& scope) {
  const auto& stored = authStoredKeys();
  for (auto& [key, value] : values.items()) {
    if (!value.is_string()) continue;
    if (section == "auth" && std::find(stored.begin(), stored.end(), key) == stored.end()) continue;
    const std::string pointer = "/connections/" + escapePointerToken(name) + "/" + section + "/" + escapePointerToken(key);
    auto origin = scope.interp.origins.find(pointer);
    const bool fromEnv = origin != scope.interp.origins.end() && origin->second.usedEnv;
    const bool literal = origin == scope.interp.origins.end();
    const bool credential = specSecrets.count(key) > 0 || isCredentialName(key) ||
                            (literal && looksLikeCredentialValue(value.get_ref<const std::string&>()));
    if (!fromEnv && !credential) continue;
    std::string source = literal ? Secret::kMask : origin->second.sourceText;
    if (literal && !value.get_ref<const std::string&>().empty()) {
      Diagnostic d;
      d.severity = Severity::Warning;
      d.summary = "connection '" + name + "' " + (section == "auth" ? "auth." : "option '") + key +
                  (section == "auth" ? "" : "'") + " holds a credential written in the file";
      d.detail = "use ${env.NAME} so that the secret stays out of the file";
      d.range = scope.sources.find(pointer);
      d.quoteSource = false;  // the line holds the credential itself
      scope.diags.add(std::move(d));
    }
    scope.secrets.emplace(pointer, Secret(value.get<std::string>(), source));
    value = std::move(source);
  }
}

// Moves every sensitive connection option value (and auth client_secret) into `secrets`.
void extractSecrets(json& doc, const std::map<std::string, ConnectorSpec>& specs, SecretScope scope) {
  auto connections = doc.find("connections");
  if (connections == doc.end() || !connections->is_object()) return;
  for (auto& [name, conn] : connections->items()) {
    if (!conn.is_object()) continue;
    std::set<std::string> specSecrets;
    if (auto s = specs.find(name); s != specs.end()) specSecrets = s->second.secretParameters();
    for (const char* section : {"options", "auth"}) {
      auto values = conn.find(section);
      if (values != conn.end() && values->is_object()) extractSectionSecrets(name, section, *values, specSecrets, scope);
    }
  }
}

// The sensitive values that landed outside connection options (those became Secrets), with a
// warning for each field the workspace shows to everyone who can read the resource.
std::vector<std::string> collectSensitiveValues(const InterpolatedDocument& interp,
                                                const std::map<std::string, Secret>& secrets,
                                                const SourceMap& sources, Diagnostics& diags) {
  std::set<std::string> values;
  for (const auto& [pointer, origin] : interp.origins) {
    if (origin.sensitiveParts.empty() || secrets.count(pointer)) continue;
    values.insert(origin.sensitiveParts.begin(), origin.sensitiveParts.end());
    if (pointer.rfind("/connections/", 0) == 0 &&
        (pointer.find("/options/") != std::string::npos || pointer.find("/auth/") != std::string::npos))
      continue;
    if (pointer.rfind("/variables/", 0) == 0 || pointer.rfind("/workspace/", 0) == 0) continue;
    Diagnostic d;
    d.severity = Severity::Warning;
    d.summary = "a sensitive value (from " + origin.sourceText + ") lands in " + pointer +
                ", which the workspace shows to everyone who can read the resource";
    d.detail = "plans show it as (sensitive); keep secrets in connection options, or list a variable that is not "
               "secret under public_env";
    d.range = sources.find(pointer);
    d.quoteSource = false;
    diags.add(std::move(d));
  }
  return {values.begin(), values.end()};
}

}  // namespace

EnvLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

Result<Manifest> loadManifest(const ManifestInput& input) {
  const std::string file = displayName(input.path);
  std::string text;
  if (input.text) {
    text = *input.text;
  } else {
    auto read = readSourceText(input.path);
    if (!read) return read.diagnostics();
    text = std::move(read.value());
  }
  auto loaded = loadYaml(text, file);
  if (!loaded) return loaded.diagnostics();
  json doc = std::move(loaded->document);

  Diagnostics diags;
  applyEnvironment(doc, loaded->sources, input.environment, diags);
  const InterpolationScope scope = buildScope(doc, input, loaded->sources, diags);
  const InterpolatedDocument interp = interpolateDocument(doc, loaded->sources, scope, diags);

  SchemaCheckOptions options;
  options.ignore = leftToSemanticChecks;
  SchemaValidator::manifest().validate(doc, loaded->sources, diags, options);

  std::string baseDir;
  if (input.path != "-") baseDir = std::filesystem::path(input.path).parent_path().string();
  std::map<std::string, ConnectorSpec> specs;
  checkManifestSemantics(doc, loaded->sources, baseDir, diags, specs);

  Manifest manifest;
  Diagnostics deploymentNotes;  // said only of a manifest that is otherwise valid
  manifest.deployment = resolveDeployment(doc, loaded->sources, input.path, input.environment, deploymentNotes);
  extractSecrets(doc, specs, SecretScope{interp, loaded->sources, diags, manifest.secrets});
  checkConnectionAuth(doc, loaded->sources, specs, manifest.secrets, diags, manifest.connectionAuth);
  manifest.sensitiveValues = collectSensitiveValues(interp, manifest.secrets, loaded->sources, diags);
  diags.sortByLocation();
  if (diags.hasErrors()) return diags;
  diags.append(deploymentNotes);
  if (diags.hasErrors()) return diags;
  manifest.file = file;
  manifest.document = std::move(doc);
  manifest.sources = std::move(loaded->sources);
  manifest.warnings = std::move(diags);
  return manifest;
}

}  // namespace cc::engine
