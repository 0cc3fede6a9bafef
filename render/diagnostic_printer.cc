#include "render/diagnostic_printer.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "render/result_json.h"

namespace cc::render {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void DiagnosticPrinter::addSource(const std::string& file, const std::string& text) {
  sources_[file] = splitLines(text);
}

const std::vector<std::string>& DiagnosticPrinter::linesOf(const std::string& file) {
  auto it = sources_.find(file);
  if (it != sources_.end()) return it->second;
  std::vector<std::string> lines;
  if (std::ifstream in{file, std::ios::binary}) {
    std::ostringstream text;
    text << in.rdbuf();
    lines = splitLines(text.str());
  }
  return sources_.emplace(file, std::move(lines)).first->second;
}

std::string DiagnosticPrinter::paint(const char* code, const std::string& text) const {
  if (!color_) return text;
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

std::string DiagnosticPrinter::summaryLine(const engine::Diagnostics& diags) {
  const std::size_t errors = diags.errorCount(), warnings = diags.warningCount();
  if (errors && warnings) return plural(errors, "error") + ", " + plural(warnings, "warning");
  if (errors) return plural(errors, "error");
  if (warnings) return plural(warnings, "warning");
  return "";
}

void DiagnosticPrinter::printText(const engine::Diagnostics& diags, std::ostream& out) {
  for (const auto& d : diags.items()) {
    const bool error = d.severity == engine::Severity::Error;
    std::string where;
    if (d.range && !d.range->file.empty()) where = d.range->toString() + ": ";
    out << paint("1", where) << (error ? paint("1;31", "error:") : paint("1;35", "warning:")) << " "
        << paint("1", d.summary) << "\n";
    if (d.range && d.range->known() && d.quoteSource) {
      const auto& lines = linesOf(d.range->file);
      const auto index = static_cast<std::size_t>(d.range->line - 1);
      if (index < lines.size()) {
        const std::string& line = lines[index];
        std::string pad;
        for (std::size_t i = 0; i + 1 < static_cast<std::size_t>(d.range->column) && i < line.size(); ++i)
          pad += line[i] == '\t' ? '\t' : ' ';
        out << line << "\n" << pad << paint("1;32", "^") << "\n";
      }
    }
    if (!d.detail.empty()) out << "  help: " << d.detail << "\n";
  }
  if (!diags.empty()) out << summaryLine(diags) << "\n";
}

void DiagnosticPrinter::printJson(const engine::Diagnostics& diags, bool valid, std::ostream& out) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : diags.items()) {
    nlohmann::json j;
    j["severity"] = d.severity == engine::Severity::Error ? "error" : "warning";
    j["message"] = d.summary;
    j["detail"] = d.detail;
    j["file"] = d.range ? nlohmann::json(d.range->file) : nlohmann::json(nullptr);
    j["line"] = d.range && d.range->known() ? nlohmann::json(d.range->line) : nlohmann::json(nullptr);
    j["column"] = d.range && d.range->known() ? nlohmann::json(d.range->column) : nlohmann::json(nullptr);
    items.push_back(std::move(j));
  }
  nlohmann::json doc;
  doc["format_version"] = kResultJsonFormatVersion;
  doc["valid"] = valid;
  doc["diagnostics"] = std::move(items);
  out << doc.dump(2) << "\n";
}

}  // namespace cc::render
