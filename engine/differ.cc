#include "engine/differ.h"

#include <algorithm>
#include <cctype>

#include "engine/ascii_case.h"
#include "engine/field_rules.h"
#include "engine/secret_fingerprint.h"

namespace cc::engine {
namespace {

using nlohmann::json;

bool skipped(const FieldRule* rule) {
  return rule && (rule->kind == FieldRuleKind::ServerComputed || rule->kind == FieldRuleKind::ManifestOnly);
}

void diffWriteOnlyMap(const DesiredResource& desired, const ObservedResource& observed, const std::string& field,
                      std::vector<FieldChange>& out) {
  const json& want = desired.fields[field];
  const json have = observed.fields.contains(field) && observed.fields[field].is_object() ? observed.fields[field]
                                                                                        : json::object();
  for (auto it = want.begin(); it != want.end(); ++it) {
    const std::string path = field + "." + it.key();
    auto seen = have.find(it.key());
    if (seen != have.end()) {
      if (*seen != *it) out.push_back({path, *seen, *it, false, false, {}});
      continue;
    }
    // The server omits this key: only the fingerprint record can tell.
    const std::string value = it->is_string() ? it->get<std::string>() : it->dump();
    if (!fingerprintMatches(observed.fingerprints, observed.fingerprintKey, desired.key.name, it.key(), Secret(value, {}))) {
      out.push_back({path, nullptr, *it, false, false, "not returned by the API; set from the manifest"});
    }
  }
}

bool sameIgnoringCase(const json& a, const json& b) {
  if (!a.is_string() || !b.is_string()) return false;
  const auto& x = a.get_ref<const std::string&>();
  const auto& y = b.get_ref<const std::string&>();
  return equalsIgnoringAsciiCase(x, y);
}

}  // namespace

std::vector<FieldChange> creationChanges(const DesiredResource& desired) {
  std::vector<FieldChange> out;
  out.reserve(desired.fields.size() + desired.secrets.size());
  for (auto it = desired.fields.begin(); it != desired.fields.end(); ++it) {
    out.push_back({it.key(), nullptr, *it, false, false, {}});
  }
  for (const auto& [path, secret] : desired.secrets) out.push_back({path, nullptr, nullptr, true, false, {}});
  std::sort(out.begin(), out.end(), [](const FieldChange& a, const FieldChange& b) { return a.field < b.field; });
  return out;
}

DiffResult diffResource(const DesiredResource& desired, const ObservedResource& observed, const DiffOptions& options) {
  DiffResult result;
  if (!observed.exists) {
    result.action = ActionKind::Create;
    result.changes = creationChanges(desired);
    return result;
  }
  const ResourceKind kind = desired.key.kind;
  for (auto it = desired.fields.begin(); it != desired.fields.end(); ++it) {
    const std::string& field = it.key();
    if (options.ignoreFields.count(field)) continue;
    const FieldRule* rule = findFieldRule(kind, field);
    if (skipped(rule)) continue;
    if (rule && rule->kind == FieldRuleKind::WriteOnlyKeys && it->is_object()) {
      diffWriteOnlyMap(desired, observed, field, result.changes);
      continue;
    }
    auto seen = observed.fields.find(field);
    const json before = seen == observed.fields.end() ? json() : *seen;
    if (before == *it) continue;
    if (rule && rule->kind == FieldRuleKind::CaseInsensitive && sameIgnoringCase(before, *it)) continue;
    FieldChange change{field, before, *it, false, false, {}};
    if (rule && rule->kind == FieldRuleKind::Immutable) {
      change.forcesReplace = true;
      change.reason = std::string(rule->why);
    }
    result.changes.push_back(std::move(change));
  }
  for (const auto& [path, secret] : desired.secrets) {
    if (options.ignoreFields.count(path)) continue;
    const auto dot = path.find('.');
    const std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
    if (!fingerprintMatches(observed.fingerprints, observed.fingerprintKey, desired.key.name, key, secret)) {
      result.changes.push_back({path, nullptr, nullptr, true, false, {}});
    }
  }
  std::sort(result.changes.begin(), result.changes.end(),
            [](const FieldChange& a, const FieldChange& b) { return a.field < b.field; });
  for (const FieldChange& c : result.changes) {
    const ActionKind k = c.forcesReplace ? ActionKind::Replace : ActionKind::Update;
    if (severity(k) > severity(result.action)) result.action = k;
  }
  return result;
}

}  // namespace cc::engine
