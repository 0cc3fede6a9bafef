#include "render/plan_renderer.h"

namespace cc::render {

void renderPlanJson(const engine::Plan& plan, std::ostream& out) {
  using nlohmann::json;
  const auto c = plan.counts();
  json actions = json::array();
  for (const engine::PlannedAction& a : plan.actions) {
    json changes = json::array();
    for (const auto& ch : a.changes) {
      json jc = {{"field", ch.field}, {"sensitive", ch.sensitive}, {"forces_replace", ch.forcesReplace}};
      if (!ch.sensitive) {
        jc["before"] = ch.before;
        jc["after"] = ch.after;
      }
      if (!ch.reason.empty()) jc["reason"] = ch.reason;
      changes.push_back(std::move(jc));
    }
    json deps = json::array();
    for (const auto& d : a.dependsOn) deps.push_back(d.address());
    actions.push_back({{"address", a.key.address()},
                       {"kind", engine::kindName(a.key.kind)},
                       {"name", a.key.name},
                       {"action", engine::actionName(a.action)},
                       {"owned", a.owned},
                       {"changes", std::move(changes)},
                       {"notes", a.notes},
                       {"depends_on", std::move(deps)}});
  }
  json warnings = json::array();
  for (const auto& w : plan.warnings.items()) warnings.push_back(w.summary);
  json orphans = json::array();
  for (const auto& key : plan.orphans) orphans.push_back(key.address());
  json doc = {{"format_version", kPlanJsonFormatVersion},
              {"has_changes", plan.hasChanges()},
              {"summary",
               {{"create", c.create}, {"update", c.update}, {"replace", c.replace}, {"delete", c.remove},
                {"unchanged", c.unchanged}, {"run", c.run}}},
              {"actions", std::move(actions)},
              {"deployment", plan.deployment.id()},
              {"orphans", std::move(orphans)},
              {"warnings", std::move(warnings)}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace cc::render
