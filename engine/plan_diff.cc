// The diff phase (planner_phases.h): one action per desired resource, decided by what the
// workspace holds and who owns it.
#include <algorithm>
#include <set>

#include "engine/field_rules.h"
#include "engine/planner_phases.h"

namespace cc::engine {
namespace {

std::string fieldList(const std::vector<FieldChange>& changes) {
  std::string out;
  for (const FieldChange& c : changes) {
    if (c.field.empty() || c.field.front() == '(') continue;
    out += (out.empty() ? "" : ", ") + c.field;
  }
  return out;
}

// Keys a PATCH of the whole options map would erase: those the connection shows that the
// manifest lacks, and (when the manifest gives no value the server hides) its hidden ones.
std::vector<std::string> erasedOptionKeys(const PlannedAction& a) {
  std::vector<std::string> erased;
  const auto& desired = a.desired.fields.value("options", nlohmann::json::object());
  const auto& seen = a.observed.fields.value("options", nlohmann::json::object());
  std::set<std::string> given;
  for (const auto& [k, v] : desired.items()) given.insert(k);
  for (const auto& [path, secret] : a.desired.secrets) given.insert(path.substr(path.find('.') + 1));
  for (const auto& [k, v] : seen.items())
    if (!given.count(k)) erased.push_back(k);
  // The tool's own keys (the source name, the allow-list) are no credential.
  bool givesHidden = false;
  for (const std::string& k : given)
    givesHidden = givesHidden || (!seen.contains(k) && k != "sourceName" && k != "externalOptionsAllowList");
  if (!givesHidden) erased.push_back("(its hidden options: credentials the API does not return)");
  return erased;
}

// An options PATCH of a connection the deployment has no fingerprint record for could erase
// option values nobody can see: refused unless the manifest gives every key.
void checkOptionsKept(const PlannedAction& a, Diagnostics& errors) {
  if (a.key.kind != ResourceKind::Connection || a.action != ActionKind::Update) return;
  bool patchesOptions = false;
  for (const FieldChange& c : a.changes) patchesOptions = patchesOptions || c.field.rfind("options", 0) == 0;
  if (!patchesOptions || (a.observed.fingerprints.is_object() && !a.observed.fingerprints.empty())) return;
  const auto erased = erasedOptionKeys(a);
  if (erased.empty()) return;
  std::string keys;
  for (const auto& k : erased) keys += (keys.empty() ? "" : ", ") + k;
  Diagnostic d;
  d.summary = "adopting " + a.key.display() + " would erase options it holds that the manifest does not give: " + keys;
  d.detail = "a connection update replaces the whole options map; add every option under connections." + a.key.name +
             ".options (secrets as ${env.NAME}), then plan again";
  d.resource = a.key.display();
  errors.add(std::move(d));
}

void takeOver(PlannedAction& a, const std::string& from, const std::string& deploymentId) {
  DiffOptions options;
  if (a.key.kind == ResourceKind::Connection) options.ignoreFields.insert("comment");  // immutable; the record marks it
  DiffResult diff = diffResource(a.desired, a.observed, options);
  a.action = diff.action == ActionKind::NoOp ? ActionKind::Update : diff.action;
  a.changes = std::move(diff.changes);
  a.changes.insert(a.changes.begin(), FieldChange{"(ownership)", from, "deployment " + deploymentId, false, false, {}});
  a.owned = true;
  a.adopt = true;
}

void unmanaged(PlannedAction& a, const OwnershipScope& scope, const PlanSettings& settings, Diagnostics& errors) {
  if (settings.adopt) {
    takeOver(a, "unmanaged", scope.deploymentId);
    checkOptionsKept(a, errors);
    return;
  }
  if (!settings.model.markOwnership) {
    // The imperative commands plan without a deployment and report what exists themselves.
    a.action = ActionKind::NoOp;
    a.notes.push_back("exists and belongs to no deployment");
    return;
  }
  // The markers the manifest would add are no difference: only what the user wrote counts.
  DiffOptions options;
  DesiredResource withoutMarkers = a.desired;
  if (a.key.kind == ResourceKind::Connection) options.ignoreFields.insert("comment");
  if (auto c = withoutMarkers.fields.find("configuration"); c != withoutMarkers.fields.end() && c->is_object()) {
    c->erase(std::string(kPipelineMarkerKey));
    c->erase(std::string(kPipelineDeploymentKey));
    if (c->empty() && !a.observed.fields.contains("configuration")) withoutMarkers.fields.erase("configuration");
  }
  DiffResult diff = diffResource(withoutMarkers, a.observed, options);
  a.action = ActionKind::NoOp;
  if (diff.action == ActionKind::NoOp) {
    a.notes.push_back("exists, matches the manifest and belongs to no deployment; --adopt takes it into deployment " +
                      scope.deploymentId);
    return;
  }
  Diagnostic d;
  d.summary = a.key.display() + " exists in the workspace, belongs to no deployment, and differs from the manifest (" +
              fieldList(diff.changes) + ")";
  d.detail = "run `plan --adopt` to see what taking it over changes, and `apply --adopt` to do it; or give the "
             "manifest's resource another name";
  d.resource = a.key.display();
  errors.add(std::move(d));
}

// Leaf by leaf, what differs between two JSON values, named as the manifest writes them
// ("objects[2].table.source_table"). A side that is missing shows as null.
void leafChanges(const std::string& at, const nlohmann::json& before, const nlohmann::json& after,
                 std::vector<FieldChange>& out) {
  if (before == after) return;
  const bool objects = (before.is_object() || before.is_null()) && (after.is_object() || after.is_null()) &&
                       !(before.is_null() && after.is_null());
  const bool arrays = (before.is_array() || before.is_null()) && (after.is_array() || after.is_null());
  if (objects && (before.is_object() || after.is_object())) {
    std::set<std::string> keys;
    for (const auto* side : {&before, &after})
      if (side->is_object())
        for (const auto& [k, v] : side->items()) keys.insert(k);
    for (const auto& k : keys)
      leafChanges(at + "." + k, before.is_object() ? before.value(k, nlohmann::json()) : nlohmann::json(),
                  after.is_object() ? after.value(k, nlohmann::json()) : nlohmann::json(), out);
    return;
  }
  if (arrays && (before.is_array() || after.is_array())) {
    const std::size_t n = std::max(before.is_array() ? before.size() : 0, after.is_array() ? after.size() : 0);
    for (std::size_t i = 0; i < n; ++i)
      leafChanges(at + "[" + std::to_string(i) + "]",
                  before.is_array() && i < before.size() ? before[i] : nlohmann::json(),
                  after.is_array() && i < after.size() ? after[i] : nlohmann::json(), out);
    return;
  }
  out.push_back(FieldChange{at, before, after, false, false, {}});
}

// An ingest file's new content, shown as the manifest's `objects` change it comes from; the
// digest change follows.
void showObjectChanges(PlannedAction& a) {
  if (a.key.kind != ResourceKind::IngestFile || a.action != ActionKind::Update) return;
  const auto& seen = a.observed.fields.value("objects", nlohmann::json());
  const auto& wanted = a.desired.inputs.value("objects", nlohmann::json());
  if (seen.is_null() || wanted.is_null()) return;
  std::vector<FieldChange> objects;
  leafChanges("objects", seen, wanted, objects);
  a.changes.insert(a.changes.begin(), objects.begin(), objects.end());
}

}  // namespace

void diffPhase(PlannedAction& a, DesiredResource&& desired, ObservedResource&& observed, const OwnershipScope& scope,
               const PlanSettings& settings, Diagnostics& errors) {
  a.desired = std::move(desired);
  a.observed = std::move(observed);
  const Owner owner = ownerOf(a.observed, scope);
  if (!a.observed.exists) {
    DiffResult diff = diffResource(a.desired, a.observed);
    a.action = diff.action;
    a.changes = std::move(diff.changes);
    a.owned = true;
    return;
  }
  switch (owner.kind) {
    case OwnerKind::Other: {
      Diagnostic d;
      d.summary = a.key.display() + " is managed by deployment " + owner.deployment + ", not " + scope.deploymentId;
      d.detail = "a resource belongs to one deployment: remove it from one of the two manifests (to move it, " +
                 std::string("delete it from the other manifest's deployment first), or give it another name");
      d.resource = a.key.display();
      errors.add(std::move(d));
      return;
    }
    case OwnerKind::Legacy:
      takeOver(a, "earlier release", scope.deploymentId);
      a.notes.push_back("made by an earlier release of community-connector: taken into deployment " + scope.deploymentId);
      checkOptionsKept(a, errors);
      return;
    case OwnerKind::None:
      if (kindRules(a.key.kind).overwriteNeedsOwnership) return unmanaged(a, scope, settings, errors);
      // Repos, files and folders are managed by their path; whose they are follows their
      // pipeline (planner.cc pathOwnershipPhase).
      {
        DiffResult diff = diffResource(a.desired, a.observed);
        a.action = diff.action;
        a.changes = std::move(diff.changes);
      }
      showObjectChanges(a);
      return;
    case OwnerKind::This:
      break;
  }
  DiffOptions options;
  // A connection owned through the record (adopted) keeps the comment it had.
  if (a.key.kind == ResourceKind::Connection && owner.kind == OwnerKind::This &&
      markerInComment(a.observed.fields.value("comment", "")) != scope.deploymentId)
    options.ignoreFields.insert("comment");
  DiffResult diff = diffResource(a.desired, a.observed, options);
  a.action = diff.action;
  a.changes = std::move(diff.changes);
  a.owned = true;
  showObjectChanges(a);
}

void intentPhase(PlannedAction& a, DesiredResource&& desired, ObservedResource&& observed) {
  a.desired = std::move(desired);
  a.observed = std::move(observed);
  const bool exists = a.observed.exists;
  switch (a.desired.intent) {
    case Intent::Converge:
    case Intent::Observe:
    case Intent::Run:
      return;
    case Intent::CreateOnly:
    case Intent::UpdateAlways: {
      if (exists != (a.desired.intent == Intent::UpdateAlways)) return;
      DiffResult diff = diffResource(a.desired, a.observed);
      a.action = exists ? ActionKind::Update : diff.action;
      a.changes = std::move(diff.changes);
      // An update with no field change only writes the record (executor): an update the
      // caller asks for regardless sends every field.
      if (exists && a.changes.empty()) a.changes = creationChanges(a.desired);
      a.owned = true;
      return;
    }
    case Intent::Delete:
      if (exists) a.action = ActionKind::Delete;
      return;
  }
}

void destroyPhase(PlannedAction& a, ObservedResource&& observed, const OwnershipScope& scope) {
  a.observed = std::move(observed);
  const Owner owner = ownerOf(a.observed, scope);
  switch (owner.kind) {
    case OwnerKind::This:
    case OwnerKind::Legacy:
      a.owned = true;
      a.action = ActionKind::Delete;
      return;
    case OwnerKind::Other:
      a.notes.push_back("managed by deployment " + owner.deployment + "; left in place");
      return;
    case OwnerKind::None:
      a.notes.push_back("not managed by deployment " + scope.deploymentId + "; left in place");
      return;
  }
}

}  // namespace cc::engine
