#pragma once
// Renders an engine::Plan for people (text, with colour on a TTY), for machines (JSON with a
// format_version) and for pull-request comments (Markdown, at most 65,535 characters).
// Glyphs come from engine/action_kind.h; secrets only ever appear as "(sensitive)".
//
//   renderPlan(*plan, PlanFormat::Text, console.out, console.color);

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/plan.h"

namespace cc::render {

enum class PlanFormat { Text, Json, Markdown };

/// "text" | "json" | "markdown"; false for anything else.
bool parsePlanFormat(std::string_view name, PlanFormat& out);

/// JSON output's version; bumped on any incompatible change of its shape.
inline constexpr int kPlanJsonFormatVersion = 1;
/// GitHub's limit for one comment body.
inline constexpr std::size_t kMarkdownLimit = 65535;

/// "Plan: 1 to create, 0 to update, 0 to replace, 0 to delete, 4 unchanged" (+ ", N to run").
std::string summaryLine(const engine::PlanCounts& counts);

/// A field value in one line: strings quoted, structures as compact JSON, long ones shortened.
std::string formatValue(const nlohmann::json& value);

/// One field change as "field: old → new", "field: value" (create) or
/// "field: (sensitive, changed)" / "field: (sensitive)".
/// Fields carry the manifest's names (a pipeline's `schema`, not the API's `target`).
std::string formatChange(const engine::FieldChange& change, engine::ActionKind action, engine::ResourceKind kind);

/// The headline of a plan without changes: "No changes. The workspace matches the manifest.",
/// or, while the deployment still has resources the manifest no longer names, a line that
/// says so ("2 resources of deployment d/default are no longer in the manifest; --prune
/// deletes them: pipeline.old, repo./x").
std::string noChangesText(const engine::Plan& plan);
/// The orphans sentence alone ("" when there are none).
std::string orphansText(const engine::Plan& plan);

void renderPlanText(const engine::Plan& plan, std::ostream& out, bool color);
void renderPlanJson(const engine::Plan& plan, std::ostream& out);
/// Collapses field details, then rows, until the comment fits `limit` characters.
void renderPlanMarkdown(const engine::Plan& plan, std::ostream& out, std::size_t limit = kMarkdownLimit);

void renderPlan(const engine::Plan& plan, PlanFormat format, std::ostream& out, bool color);

}  // namespace cc::render
