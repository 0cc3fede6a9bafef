#pragma once
// Diagnostics as text (file:line:col: error: message, the source line, a caret) or JSON.

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "engine/diagnostic.h"

namespace cc::render {

/// Renders diagnostics for people (text, optional ANSI colour) or machines (JSON). Source lines
/// come from texts registered with addSource (e.g. stdin) or are read from disk on demand.
class DiagnosticPrinter {
 public:
  explicit DiagnosticPrinter(bool color) : color_(color) {}

  /// Registers the content of `file` so that its lines can be shown without reading it again.
  void addSource(const std::string& file, const std::string& text);

  /// Every diagnostic in order, each with its source line and caret, then "2 errors, 1 warning"
  /// (nothing at all when there are no diagnostics).
  void printText(const engine::Diagnostics& diags, std::ostream& out);

  /// {"valid": bool, "diagnostics": [{severity, message, detail, file, line, column}]}.
  static void printJson(const engine::Diagnostics& diags, bool valid, std::ostream& out);

  /// "2 errors, 1 warning"; "1 error"; "" when empty.
  static std::string summaryLine(const engine::Diagnostics& diags);

 private:
  const std::vector<std::string>& linesOf(const std::string& file);
  std::string paint(const char* code, const std::string& text) const;

  bool color_;
  std::map<std::string, std::vector<std::string>> sources_;
};

}  // namespace cc::render
