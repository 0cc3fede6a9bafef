#pragma once
// The closed set of plan actions, their glyphs and their severity order — defined once.

#include <string_view>

namespace cc::engine {

/// What apply will do to one resource. Ordered by severity: when several fields disagree the
/// highest action wins (a replace beats an update). A switch on it has no `default`.
enum class ActionKind {
  NoOp,     // desired == observed
  Run,      // start a pipeline update (manifest `run.after_apply`)
  Update,   // change fields in place
  Create,   // the resource does not exist
  Replace,  // an immutable field differs: delete, then create
  Delete,   // owned, not in the manifest, and --prune / destroy
};

/// Severity rank; higher wins when combining field verdicts.
constexpr int severity(ActionKind k) { return static_cast<int>(k); }

/// Glyph shown before the resource in every renderer: "+", "~", "-/+", "-", "▶", " ".
constexpr std::string_view glyph(ActionKind k) {
  switch (k) {
    case ActionKind::NoOp: return " ";
    case ActionKind::Run: return "▶";
    case ActionKind::Update: return "~";
    case ActionKind::Create: return "+";
    case ActionKind::Replace: return "-/+";
    case ActionKind::Delete: return "-";
  }
  return "?";
}

/// Lower-case name used in JSON output and plan files: "no-op", "run", "update", ...
constexpr std::string_view actionName(ActionKind k) {
  switch (k) {
    case ActionKind::NoOp: return "no-op";
    case ActionKind::Run: return "run";
    case ActionKind::Update: return "update";
    case ActionKind::Create: return "create";
    case ActionKind::Replace: return "replace";
    case ActionKind::Delete: return "delete";
  }
  return "unknown";
}

/// Inverse of actionName; false for an unknown name (a tampered plan file).
constexpr bool parseActionName(std::string_view name, ActionKind& out) {
  for (ActionKind k : {ActionKind::NoOp, ActionKind::Run, ActionKind::Update, ActionKind::Create,
                       ActionKind::Replace, ActionKind::Delete}) {
    if (actionName(k) == name) {
      out = k;
      return true;
    }
  }
  return false;
}

/// True for actions that send a mutating request.
constexpr bool mutates(ActionKind k) { return k != ActionKind::NoOp; }

}  // namespace cc::engine
