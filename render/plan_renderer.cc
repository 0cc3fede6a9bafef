// Shared pieces of the three plan renderers.
#include "render/plan_renderer.h"

#include "engine/field_rules.h"

#include <optional>

#include "engine/plan_redaction.h"

namespace cc::render {

bool parsePlanFormat(std::string_view name, PlanFormat& out) {
  if (name == "text") out = PlanFormat::Text;
  else if (name == "json") out = PlanFormat::Json;
  else if (name == "markdown") out = PlanFormat::Markdown;
  else return false;
  return true;
}

std::string summaryLine(const engine::PlanCounts& c) {
  std::string s = "Plan: " + std::to_string(c.create) + " to create, " + std::to_string(c.update) + " to update, " +
                  std::to_string(c.replace) + " to replace, " + std::to_string(c.remove) + " to delete, " +
                  std::to_string(c.unchanged) + " unchanged";
  if (c.run > 0) s += ", " + std::to_string(c.run) + " to run";
  return s;
}

std::string formatValue(const nlohmann::json& value) {
  constexpr std::size_t kMax = 120;
  std::string text = value.is_null() ? "(none)" : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMax) text = text.substr(0, kMax - 1) + "…";
  return text;
}

std::string formatChange(const engine::FieldChange& c, engine::ActionKind action, engine::ResourceKind kind) {
  const std::string field = engine::manifestFieldName(kind, c.field);
  if (c.sensitive) {
    return field + ": " + (action == engine::ActionKind::Create ? "(sensitive)" : "(sensitive, changed)");
  }
  if (action == engine::ActionKind::Create) return field + ": " + formatValue(c.after);
  return field + ": " + formatValue(c.before) + " → " + formatValue(c.after);
}

void renderPlan(const engine::Plan& plan, PlanFormat format, std::ostream& out, bool color) {
  // Every format prints the redacted plan: values from sensitive sources never reach output.
  // Without any, the plan is printed as it is (no copy of a large plan).
  std::optional<engine::Plan> redacted;
  if (!plan.sensitive.empty()) redacted = engine::redactedPlan(plan);
  const engine::Plan& shown = redacted ? *redacted : plan;
  switch (format) {
    case PlanFormat::Text: renderPlanText(shown, out, color); return;
    case PlanFormat::Json: renderPlanJson(shown, out); return;
    case PlanFormat::Markdown: renderPlanMarkdown(shown, out); return;
  }
}

}  // namespace cc::render
