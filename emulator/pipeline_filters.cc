#include "emulator/pipeline_filters.h"

#include <cctype>

#include "emulator/ascii_case.h"

namespace cc::emulator {

namespace {

bool likeAt(const std::string& p, size_t pi, const std::string& t, size_t ti) {
  while (pi < p.size()) {
    const char c = p[pi];
    if (c == '%') {
      for (size_t k = ti; k <= t.size(); ++k) {
        if (likeAt(p, pi + 1, t, k)) return true;
      }
      return false;
    }
    if (ti >= t.size()) return false;
    if (c == '_') {
      ++pi;
      ++ti;
      continue;
    }
    char literal = c;
    if (c == '\\' && pi + 1 < p.size()) literal = p[++pi];
    if (literal != t[ti]) return false;
    ++pi;
    ++ti;
  }
  return ti == t.size();
}

// A small cursor over filter text.
struct Scanner {
  const std::string& text;
  size_t pos = 0;

  void skipSpace() {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  bool done() {
    skipSpace();
    return pos >= text.size();
  }
  std::string word() {
    skipSpace();
    size_t start = pos;
    while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_')) ++pos;
    return text.substr(start, pos - start);
  }
  std::string op() {
    skipSpace();
    for (const char* candidate : {">=", "<=", "=", ">", "<"}) {
      if (text.compare(pos, std::char_traits<char>::length(candidate), candidate) == 0) {
        pos += std::char_traits<char>::length(candidate);
        return candidate;
      }
    }
    return "";
  }
  bool literal(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  // '...' with '' as an escaped quote.
  std::optional<std::string> quoted() {
    skipSpace();
    if (pos >= text.size() || text[pos] != '\'') return std::nullopt;
    std::string value;
    for (++pos; pos < text.size(); ++pos) {
      if (text[pos] == '\'') {
        if (pos + 1 < text.size() && text[pos + 1] == '\'') {
          value += '\'';
          ++pos;
        } else {
          ++pos;
          return value;
        }
      } else {
        value += text[pos];
      }
    }
    return std::nullopt;
  }
};

}  // namespace

bool likeMatches(const std::string& pattern, const std::string& text) { return likeAt(pattern, 0, text, 0); }

std::optional<PipelineFilter> parsePipelineFilter(const std::string& text) {
  Scanner scanner{text};
  if (scanner.done()) return PipelineFilter{};
  const std::string field = scanner.word();
  PipelineFilter filter;
  if (field == "name") {
    if (upperAscii(scanner.word()) != "LIKE") return std::nullopt;
    filter.field = PipelineFilter::Field::NameLike;
  } else if (field == "notebook") {
    if (scanner.op() != "=") return std::nullopt;
    filter.field = PipelineFilter::Field::Notebook;
  } else {
    return std::nullopt;
  }
  auto value = scanner.quoted();
  if (!value || !scanner.done()) return std::nullopt;
  filter.value = *value;
  return filter;
}

std::optional<std::vector<EventClause>> parseEventFilter(const std::string& text) {
  Scanner scanner{text};
  std::vector<EventClause> clauses;
  while (!scanner.done()) {
    if (!clauses.empty() && upperAscii(scanner.word()) != "AND") return std::nullopt;
    EventClause clause;
    clause.field = scanner.word();
    if (clause.field != "level" && clause.field != "id" && clause.field != "update_id" &&
        clause.field != "timestamp") {
      return std::nullopt;
    }
    const size_t before = scanner.pos;
    if (upperAscii(scanner.word()) == "IN") {
      clause.op = "in";
      if (!scanner.literal('(')) return std::nullopt;
      do {
        auto value = scanner.quoted();
        if (!value) return std::nullopt;
        clause.values.push_back(*value);
      } while (scanner.literal(','));
      if (!scanner.literal(')')) return std::nullopt;
    } else {
      scanner.pos = before;
      clause.op = scanner.op();
      auto value = scanner.quoted();
      if (clause.op.empty() || !value) return std::nullopt;
      if (clause.field != "timestamp" && clause.op != "=") return std::nullopt;
      clause.values.push_back(*value);
    }
    clauses.push_back(clause);
  }
  return clauses;
}

}  // namespace cc::emulator
