#include "render/plan_renderer.h"

#include "engine/field_rules.h"

namespace cc::render {
namespace {

using engine::ActionKind;

const char* colourOf(ActionKind k) {
  switch (k) {
    case ActionKind::Create: return "\033[32m";
    case ActionKind::Update: return "\033[33m";
    case ActionKind::Replace:
    case ActionKind::Delete: return "\033[31m";
    case ActionKind::Run: return "\033[36m";
    case ActionKind::NoOp: return "";
  }
  return "";
}

}  // namespace

std::string orphansText(const engine::Plan& plan) {
  if (plan.orphans.empty()) return {};
  std::string names;
  for (const auto& key : plan.orphans) names += (names.empty() ? "" : ", ") + key.address();
  const std::size_t n = plan.orphans.size();
  return std::to_string(n) + (n == 1 ? " resource" : " resources") + " of deployment " + plan.deployment.id() +
         (n == 1 ? " is" : " are") + " no longer in the manifest; `--prune` deletes " + (n == 1 ? "it" : "them") +
         ": " + names + "\n";
}

std::string noChangesText(const engine::Plan& plan) {
  if (plan.orphans.empty()) return "No changes. The workspace matches the manifest.\n";
  return "No changes to the manifest's resources, but " + orphansText(plan);
}

void renderPlanText(const engine::Plan& plan, std::ostream& out, bool color) {
  const char* reset = color ? "\033[0m" : "";
  const char* bold = color ? "\033[1m" : "";
  if (!plan.hasChanges()) {
    out << noChangesText(plan);
  } else {
    out << "community-connector will perform these actions:\n";
    if (!plan.orphans.empty()) out << "\n  ! " << orphansText(plan);
  }
  for (const engine::PlannedAction& a : plan.actions) {
    if (!engine::mutates(a.action)) {
      for (const auto& note : a.notes) {
        if (note.rfind("not run:", 0) == 0) continue;
        out << "\n  ! " << a.key.display() << ": " << note << "\n";
      }
      continue;
    }
    const char* c = color ? colourOf(a.action) : "";
    out << "\n  " << c << bold << engine::glyph(a.action) << " " << a.key.display() << reset;
    if (a.action == ActionKind::Replace) {
      for (const auto& ch : a.changes) {
        if (ch.forcesReplace) {
          out << "  (" << engine::manifestFieldName(a.key.kind, ch.field) << " forces replacement)";
          break;
        }
      }
    }
    out << "\n";
    for (const auto& ch : a.changes) {
      out << "      " << c << formatChange(ch, a.action, a.key.kind) << reset;
      if (ch.forcesReplace) out << "  # forces replacement";
      out << "\n";
    }
    for (const auto& note : a.notes) {
      if (note.rfind("replaced because", 0) == 0) continue;  // already shown beside the field
      out << "      " << (note.rfind("warning:", 0) == 0 && color ? "\033[31m" : "") << "! " << note << reset << "\n";
    }
  }
  for (const auto& w : plan.warnings.items()) {
    out << "\nWarning: " << (w.range && w.range->known() ? w.range->toString() + ": " : "") << w.summary << "\n";
    if (!w.detail.empty()) out << "  help: " << w.detail << "\n";
  }
  out << "\n" << bold << summaryLine(plan.counts()) << reset << "\n";
}

}  // namespace cc::render
