#include <sstream>

#include "render/plan_renderer.h"

namespace cc::render {
namespace {

std::string escapeCell(std::string text) {
  std::string out;
  for (char ch : text) {
    if (ch == '|' || ch == '`' || ch == '\\') out.push_back('\\');
    out.push_back(ch == '\n' ? ' ' : ch);
  }
  return out;
}

// Detail levels, most to least: every field in <details>; table only; table cut to `rows`.
std::string render(const engine::Plan& plan, bool details, std::size_t rows) {
  std::ostringstream out;
  out << "### community-connector plan\n\n**" << summaryLine(plan.counts()) << "**\n\n";
  std::size_t changed = 0;
  for (const auto& a : plan.actions) changed += engine::mutates(a.action) ? 1 : 0;
  if (changed == 0) {
    out << escapeCell(noChangesText(plan)) << "\n";
  } else {
    out << "| | resource | action |\n|---|---|---|\n";
    std::size_t shown = 0;
    for (const auto& a : plan.actions) {
      if (!engine::mutates(a.action)) continue;
      if (shown == rows) break;
      ++shown;
      out << "| `" << engine::glyph(a.action) << "` | " << engine::kindName(a.key.kind) << " " << escapeCell(a.key.name)
          << " | " << engine::actionName(a.action) << " |\n";
    }
    if (shown < changed) out << "\n… and " << (changed - shown) << " more changes; run `community-connector plan` to see all.\n";
  }
  if (details && changed > 0) {
    out << "\n<details><summary>Field changes</summary>\n\n```diff\n";
    for (const auto& a : plan.actions) {
      if (!engine::mutates(a.action)) continue;
      // diff colouring: green for new, red for what goes away, orange for in-place changes.
      const bool removes = a.action == engine::ActionKind::Delete || a.action == engine::ActionKind::Replace;
      const char* sign = a.action == engine::ActionKind::Create ? "+" : removes ? "-" : "!";
      out << sign << " " << engine::glyph(a.action) << " " << a.key.display() << "\n";
      for (const auto& ch : a.changes) out << sign << "     " << formatChange(ch, a.action, a.key.kind) << "\n";
      for (const auto& n : a.notes)
        if (n.rfind("warning:", 0) != 0) out << "#     " << n << "\n";  // warnings stand outside, below
    }
    out << "```\n\n</details>\n";
  } else if (!details && changed > 0) {
    out << "\n_Field details are omitted to fit one comment._\n";
  }
  // Warnings about what an action destroys are never collapsed: they stand out, in bold.
  std::string notes;
  for (const auto& a : plan.actions) {
    for (const auto& n : a.notes) {
      if (n.rfind("warning:", 0) == 0)
        notes += "- **" + escapeCell(a.key.display()) + ": " + escapeCell(n) + "**\n";
      else if (!engine::mutates(a.action) && n.rfind("not run:", 0) != 0)
        notes += "- " + escapeCell(a.key.display()) + ": " + escapeCell(n) + "\n";
    }
  }
  for (const auto& w : plan.warnings.items()) notes += "- warning: " + escapeCell(w.summary) + "\n";
  if (!notes.empty()) out << "\n" << notes;
  return out.str();
}

}  // namespace

void renderPlanMarkdown(const engine::Plan& plan, std::ostream& out, std::size_t limit) {
  std::string text = render(plan, true, SIZE_MAX);
  if (text.size() > limit) text = render(plan, false, SIZE_MAX);
  for (std::size_t rows = plan.actions.size(); text.size() > limit && rows > 0; rows /= 2) text = render(plan, false, rows);
  if (text.size() > limit) text = render(plan, false, 0);
  if (text.size() > limit) text = text.substr(0, limit);  // notes alone overflow: hard cut
  out << text;
}

}  // namespace cc::render
