#include "engine/plan_redaction.h"

namespace cc::engine {

namespace {

bool holdsAny(const nlohmann::json& value, const SensitiveValues& sensitive) {
  std::vector<std::string> found;
  (void)sensitive.masked(value, &found);
  return !found.empty();
}

Diagnostics redactedDiagnostics(const Diagnostics& diags, const SensitiveValues& sensitive) {
  Diagnostics out;
  for (Diagnostic d : diags.items()) {
    d.summary = sensitive.maskedText(std::move(d.summary));
    d.detail = sensitive.maskedText(std::move(d.detail));
    if (d.api) d.api->message = sensitive.maskedText(std::move(d.api->message));
    out.add(std::move(d));
  }
  return out;
}

}  // namespace

FieldChange redactedChange(const FieldChange& change, const SensitiveValues& sensitive) {
  if (sensitive.empty() || change.sensitive) return change;
  if (!holdsAny(change.before, sensitive) && !holdsAny(change.after, sensitive)) return change;
  FieldChange out = change;
  out.sensitive = true;
  out.before = nullptr;
  out.after = nullptr;
  out.reason = sensitive.maskedText(std::move(out.reason));
  return out;
}

Plan redactedPlan(const Plan& plan) {
  Plan out = plan;
  if (plan.sensitive.empty()) return out;
  for (PlannedAction& a : out.actions) {
    for (FieldChange& c : a.changes) c = redactedChange(c, plan.sensitive);
    for (std::string& note : a.notes) note = plan.sensitive.maskedText(std::move(note));
    a.desired.fields = plan.sensitive.masked(a.desired.fields);
    a.desired.inputs = plan.sensitive.masked(a.desired.inputs);
    a.observed.fields = plan.sensitive.masked(a.observed.fields);
  }
  out.warnings = redactedDiagnostics(plan.warnings, plan.sensitive);
  return out;
}

}  // namespace cc::engine
