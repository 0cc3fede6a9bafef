#include "engine/plan_file.h"

#include <algorithm>

#include "engine/content_digest.h"
#include "engine/plan_redaction.h"

namespace cc::engine {
namespace {

using nlohmann::json;

/// Raised only inside this file while decoding; readPlanFile turns it into a diagnostic.
struct PlanFileError {
  std::string message;
};

json keyJson(const ResourceKey& k) { return {{"kind", kindName(k.kind)}, {"name", k.name}}; }

ResourceKey keyFrom(const json& j) {
  ResourceKey k;
  if (!j.is_object() || !j.contains("kind") || !j.contains("name") || !j["kind"].is_string() || !j["name"].is_string() ||
      !parseKindName(j["kind"].get<std::string>(), k.kind)) {
    throw PlanFileError{"an action has an invalid key"};
  }
  k.name = j["name"].get<std::string>();
  return k;
}

json keyList(const std::vector<ResourceKey>& keys) {
  json out = json::array();
  for (const auto& k : keys) out.push_back(keyJson(k));
  return out;
}

std::vector<ResourceKey> keysFrom(const json& j) {
  std::vector<ResourceKey> out;
  if (!j.is_array()) throw PlanFileError{"depends_on must be a list"};
  for (const auto& k : j) out.push_back(keyFrom(k));
  return out;
}

json actionJson(const PlannedAction& a, const SensitiveValues& sensitive) {
  // Changes, notes and observed values as outputs show them; desired values masked with their
  // pointers kept, so that apply can refill them from the manifest.
  json changes = json::array();
  for (const FieldChange& original : a.changes) {
    const FieldChange c = redactedChange(original, sensitive);
    json jc = {{"field", c.field}, {"sensitive", c.sensitive}, {"forces_replace", c.forcesReplace}};
    if (!c.sensitive) {
      jc["before"] = c.before;
      jc["after"] = c.after;
    }
    if (!c.reason.empty()) jc["reason"] = c.reason;
    changes.push_back(std::move(jc));
  }
  std::vector<std::string> masked;
  json desiredFields = sensitive.masked(a.desired.fields, &masked, "/fields");
  json desiredInputs = sensitive.masked(a.desired.inputs, &masked, "/inputs");
  std::vector<std::string> notes;
  for (const std::string& note : a.notes) notes.push_back(sensitive.maskedText(note));
  json secrets = json::object();
  for (const auto& [path, secret] : a.desired.secrets) secrets[path] = secret.source();
  return {{"key", keyJson(a.key)},
          {"action", actionName(a.action)},
          {"changes", std::move(changes)},
          {"notes", std::move(notes)},
          {"depends_on", keyList(a.dependsOn)},
          {"owned", a.owned},
          {"adopt", a.adopt},
          {"observed",
           {{"exists", a.observed.exists},
            {"fingerprints", a.observed.fingerprints},
            {"version", a.observed.version},
            {"remote_id", a.observed.remoteId},
            {"fields", sensitive.masked(a.observed.fields)}}},
          {"masked", std::move(masked)},
          {"desired",
           {{"fields", std::move(desiredFields)},
            {"inputs", std::move(desiredInputs)},
            {"secrets", std::move(secrets)},
            {"depends_on", keyList(a.desired.dependsOn)},
            {"origin", a.desired.origin}}}};
}

json recordChangesJson(const std::map<ResourceKey, json>& changes) {
  json out = json::array();
  for (const auto& [key, entry] : changes) out.push_back({{"key", keyJson(key)}, {"entry", entry}});
  return out;
}

const json& requiredMember(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) throw PlanFileError{std::string("missing \"") + name + "\""};
  return j[name];
}

std::string text(const json& j, const char* name) {
  const json& v = requiredMember(j, name);
  if (!v.is_string()) throw PlanFileError{std::string("\"") + name + "\" must be a string"};
  return v.get<std::string>();
}

std::map<ResourceKey, json> recordChangesFrom(const json& list) {
  std::map<ResourceKey, json> out;
  if (!list.is_array()) throw PlanFileError{"\"record_changes\" must be a list"};
  for (const auto& item : list) {
    const json& entry = requiredMember(item, "entry");
    if (!entry.is_object() && !entry.is_null()) throw PlanFileError{"a record entry must be an object or null"};
    out[keyFrom(requiredMember(item, "key"))] = entry;
  }
  return out;
}

PlannedAction actionFrom(const json& j, const Manifest* manifest) {
  PlannedAction a;
  a.key = keyFrom(requiredMember(j, "key"));
  if (!parseActionName(text(j, "action"), a.action)) throw PlanFileError{"unknown action for " + a.key.address()};
  for (const auto& c : requiredMember(j, "changes")) {
    FieldChange fc;
    fc.field = text(c, "field");
    fc.sensitive = requiredMember(c, "sensitive").get<bool>();
    fc.forcesReplace = requiredMember(c, "forces_replace").get<bool>();
    if (!fc.sensitive) {
      fc.before = c.value("before", json());
      fc.after = c.value("after", json());
    }
    fc.reason = c.value("reason", "");
    a.changes.push_back(std::move(fc));
  }
  for (const auto& n : requiredMember(j, "notes")) a.notes.push_back(n.get<std::string>());
  a.dependsOn = keysFrom(requiredMember(j, "depends_on"));
  a.owned = requiredMember(j, "owned").get<bool>();
  a.adopt = requiredMember(j, "adopt").get<bool>();
  const json& o = requiredMember(j, "observed");
  a.observed.key = a.key;
  a.observed.exists = requiredMember(o, "exists").get<bool>();
  a.observed.version = text(o, "version");
  a.observed.remoteId = text(o, "remote_id");
  a.observed.fields = requiredMember(o, "fields");
  a.observed.fingerprints = requiredMember(o, "fingerprints");
  if (a.observed.fingerprints.is_null()) a.observed.fingerprints = json::object();
  if (!a.observed.fingerprints.is_object()) throw PlanFileError{"\"fingerprints\" of " + a.key.address() + " must be an object"};
  const json& d = requiredMember(j, "desired");
  a.desired.key = a.key;
  a.desired.fields = requiredMember(d, "fields");
  a.desired.inputs = requiredMember(d, "inputs");
  a.desired.dependsOn = keysFrom(requiredMember(d, "depends_on"));
  a.desired.origin = text(d, "origin");
  if (j.contains("masked")) {
    for (const auto& pointer : requiredMember(j, "masked")) {
      if (!pointer.is_string() || (pointer.get<std::string>().rfind("/fields", 0) != 0 &&
                                   pointer.get<std::string>().rfind("/inputs", 0) != 0))
        throw PlanFileError{"\"masked\" of " + a.key.address() + " must list /fields or /inputs pointers"};
      a.maskedInFile.push_back(pointer.get<std::string>());
    }
  }
  const json& secrets = requiredMember(d, "secrets");
  if (manifest == nullptr) return a;  // shown, not applied: no secret is needed
  for (auto it = secrets.begin(); it != secrets.end(); ++it) {
    // Secrets live only in the reloaded manifest: "options.token" of connection c is
    // /connections/c/options/token there.
    json::json_pointer p = json::json_pointer("/connections") / a.key.name;
    std::string rest = it.key();
    for (std::size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1)) p /= rest.substr(0, dot);
    p /= rest;
    auto found = manifest->secrets.find(p.to_string());
    // An OAuth setting written under the connection's auth: block (manifest_connection_auth.h).
    if (found == manifest->secrets.end() && it.key().rfind("options.", 0) == 0)
      found = manifest->secrets.find((json::json_pointer("/connections") / a.key.name / "auth" / it.key().substr(8)).to_string());
    if (found == manifest->secrets.end()) {
      throw PlanFileError{"the manifest no longer defines the secret " + p.to_string() + " of " + a.key.address()};
    }
    a.desired.secrets[it.key()] = found->second;
  }
  return a;
}

}  // namespace

std::string manifestDigest(const Manifest& manifest) {
  std::string material = manifest.document.dump();
  for (const auto& [pointer, secret] : manifest.secrets) material += "\n" + pointer + "=" + secret.source();
  return sha256Hex(material);
}

std::string writePlanFile(const Plan& plan) {
  json actions = json::array();
  for (const PlannedAction& a : plan.actions) actions.push_back(actionJson(a, plan.sensitive));
  json body = {{"manifest_file", plan.manifestFile},
               {"manifest_digest", plan.manifestDigest},
               {"tool_root", plan.toolRoot},
               {"deployment", {{"name", plan.deployment.name},
                               {"environment", plan.deployment.environment},
                               {"state_path", plan.deployment.stateFolder()}}},
               {"orphans", keyList(plan.orphans)},
               {"managed_count", plan.managedCount},
               {"record_changes", recordChangesJson(plan.recordChanges)},
               {"user", plan.context.userName},
               {"deployment_user", plan.deploymentUser},
               {"host", plan.context.host},
               {"actions", std::move(actions)}};
  json file = {{"format_version", Plan::kFormatVersion}, {"checksum", sha256Hex(body.dump())}, {"plan", body}};
  return file.dump(2) + "\n";
}

namespace {

Result<Plan> readPlan(const std::string& input, const Manifest* manifest);

}  // namespace

Result<Plan> readPlanFile(const std::string& input, const Manifest& manifest) { return readPlan(input, &manifest); }

Result<Plan> readPlanFileToShow(const std::string& input) { return readPlan(input, nullptr); }

namespace {

Result<Plan> readPlan(const std::string& input, const Manifest* manifest) {
  const std::string fix = "run `community-connector plan -o FILE` again";
  json file = json::parse(input, nullptr, false);
  if (file.is_discarded() || !file.is_object()) {
    return Result<Plan>::failure("the plan file is not valid JSON (truncated?)", std::nullopt, fix);
  }
  if (!file.contains("format_version") || !file["format_version"].is_number_integer()) {
    return Result<Plan>::failure("the plan file has no format_version", std::nullopt, fix);
  }
  if (file["format_version"].get<int>() != Plan::kFormatVersion) {
    return Result<Plan>::failure("the plan file has format_version " + file["format_version"].dump() +
                                     ", this version of community-connector reads " +
                                     std::to_string(Plan::kFormatVersion),
                                 std::nullopt, fix);
  }
  if (!file.contains("plan") || !file.contains("checksum") || !file["checksum"].is_string() ||
      file["checksum"].get<std::string>() != sha256Hex(file["plan"].dump())) {
    return Result<Plan>::failure("the plan file's checksum does not match its content (edited or damaged)",
                                 std::nullopt, fix);
  }
  try {
    const json& body = file["plan"];
    Plan plan;
    plan.manifestFile = text(body, "manifest_file");
    plan.manifestDigest = text(body, "manifest_digest");
    plan.toolRoot = text(body, "tool_root");
    const json& deployment = requiredMember(body, "deployment");
    plan.deployment.name = text(deployment, "name");
    plan.deployment.environment = text(deployment, "environment");
    plan.deployment.statePath = text(deployment, "state_path");
    plan.orphans = keysFrom(requiredMember(body, "orphans"));
    plan.managedCount = requiredMember(body, "managed_count").get<int>();
    plan.recordChanges = recordChangesFrom(requiredMember(body, "record_changes"));
    plan.context.userName = text(body, "user");
    plan.deploymentUser = text(body, "deployment_user");
    plan.context.host = text(body, "host");
    if (manifest != nullptr && plan.manifestDigest != manifestDigest(*manifest)) {
      // The digest covers the interpolated document, so other --var or ${env} values count too.
      return Result<Plan>::failure("the manifest " + plan.manifestFile +
                                       " (or a --var or environment value it uses) changed since the plan was made",
                                   std::nullopt, "pass the same --var values as to `plan`, or " + fix);
    }
    for (const auto& a : requiredMember(body, "actions")) plan.actions.push_back(actionFrom(a, manifest));
    if (manifest != nullptr) plan.sensitive = SensitiveValues(manifest->sensitiveValues);
    for (std::size_t i = 1; i < plan.actions.size(); ++i) {
      if (!(plan.actions[i - 1].key < plan.actions[i].key)) throw PlanFileError{"actions are not in key order"};
    }
    for (const auto& a : plan.actions) {
      for (const auto& d : a.dependsOn) {
        if (!plan.find(d)) throw PlanFileError{a.key.address() + " depends on " + d.address() + ", which is not in the plan"};
      }
    }
    return plan;
  } catch (const PlanFileError& e) {
    return Result<Plan>::failure("the plan file is malformed: " + e.message, std::nullopt, fix);
  } catch (const json::exception& e) {
    return Result<Plan>::failure(std::string("the plan file is malformed: ") + e.what(), std::nullopt, fix);
  }
}

}  // namespace

bool hasMaskedValues(const Plan& plan) {
  return std::any_of(plan.actions.begin(), plan.actions.end(),
                     [](const PlannedAction& a) { return !a.maskedInFile.empty(); });
}

Status restoreMaskedValues(Plan& plan, const DesiredState& fresh) {
  const std::string fix = "run `community-connector plan -o FILE` again";
  for (PlannedAction& a : plan.actions) {
    if (a.maskedInFile.empty()) continue;
    const DesiredResource* source = fresh.find(a.key);
    if (source == nullptr) return Status::failure(a.key.display() + " is no longer in the manifest's model", std::nullopt, fix);
    const json from = {{"fields", source->fields}, {"inputs", source->inputs}};
    json into = {{"fields", std::move(a.desired.fields)}, {"inputs", std::move(a.desired.inputs)}};
    for (const std::string& pointer : a.maskedInFile) {
      const json::json_pointer p(pointer);
      if (!from.contains(p) || !into.contains(p)) {
        return Status::failure("the masked value " + pointer + " of " + a.key.display() + " no longer matches the manifest",
                               std::nullopt, fix);
      }
      into[p] = from[p];
    }
    a.desired.fields = std::move(into["fields"]);
    a.desired.inputs = std::move(into["inputs"]);
    a.maskedInFile.clear();
  }
  return okStatus();
}

}  // namespace cc::engine
