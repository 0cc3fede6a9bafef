#include "engine/yaml_quotes.h"

namespace cc::engine {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool endsToken(std::string_view t, std::size_t i) { return i >= t.size() || isBlank(t[i]) || t[i] == '\n'; }

std::size_t indentOf(std::string_view t, std::size_t lineStart);

// Offset just past the closing quote of the scalar opened at `open`, or npos. A scalar that
// continues onto a line indented no deeper than the line it opened on (`lineIndent`) counts as
// never closed: YAML wants continuation lines indented more, and in a manifest such a line is
// the next key, swallowed by a quote left open.
std::size_t closingQuote(std::string_view t, std::size_t open, std::size_t lineIndent) {
  const char q = t[open];
  for (std::size_t i = open + 1; i < t.size(); ++i) {
    if (t[i] == '\n') {
      const std::size_t indent = indentOf(t, i + 1);
      const std::size_t content = i + 1 + indent;
      const bool blank = content >= t.size() || t[content] == '\n' || t[content] == '\r';
      if (!blank && indent <= lineIndent) return std::string_view::npos;
      continue;
    }
    if (q == '"' && t[i] == '\\') {
      ++i;  // an escape: the next character is content
      continue;
    }
    if (t[i] != q) continue;
    if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
      ++i;  // '' is a quote inside a single-quoted scalar
      continue;
    }
    return i + 1;
  }
  return std::string_view::npos;
}

std::size_t indentOf(std::string_view t, std::size_t lineStart) {
  std::size_t i = lineStart;
  while (i < t.size() && t[i] == ' ') ++i;
  return i - lineStart;
}

// Scans one line from `i` (its content start); returns where scanning goes on (past a
// multi-line quoted scalar, the next line), or an open quote. `blockHeader` is set when the
// line ends with a block scalar header (`|`, `>`).
struct LineScan {
  std::size_t next = 0;
  std::optional<OpenQuote> open;
  bool blockHeader = false;
};

LineScan scanLine(std::string_view t, std::size_t i, std::size_t lineIndent) {
  LineScan out;
  bool tokenStart = true;
  while (i < t.size() && t[i] != '\n') {
    const char c = t[i];
    if (c == '#' && (i == 0 || isBlank(t[i - 1]) || t[i - 1] == '\n')) break;  // a comment
    if ((c == '"' || c == '\'') && tokenStart) {
      const std::size_t close = closingQuote(t, i, lineIndent);
      if (close == std::string_view::npos) {
        out.open = OpenQuote{i, c};
        return out;
      }
      i = close;
      tokenStart = false;
      continue;
    }
    if ((c == '|' || c == '>') && tokenStart) {
      out.blockHeader = true;
      break;
    }
    if (c == '[' || c == '{' || c == ',') tokenStart = true;
    else if ((c == ':' || c == '-' || c == '?') && endsToken(t, i + 1)) tokenStart = true;
    else if (!isBlank(c)) tokenStart = false;
    ++i;
  }
  const std::size_t eol = t.find('\n', i);
  out.next = eol == std::string_view::npos ? t.size() : eol + 1;
  return out;
}

}  // namespace

std::optional<OpenQuote> findUnterminatedQuote(std::string_view t) {
  std::optional<std::size_t> blockIndent;  // inside a block scalar under a line of this indent
  for (std::size_t line = 0; line < t.size();) {
    const std::size_t indent = indentOf(t, line);
    const std::size_t content = line + indent;
    const bool blank = content >= t.size() || t[content] == '\n' || t[content] == '\r';
    if (blockIndent && (blank || indent > *blockIndent)) {
      const std::size_t eol = t.find('\n', line);
      line = eol == std::string_view::npos ? t.size() : eol + 1;
      continue;
    }
    blockIndent.reset();
    const LineScan scan = scanLine(t, content, indent);
    if (scan.open) return scan.open;
    if (scan.blockHeader) blockIndent = indent;
    line = scan.next;
  }
  return std::nullopt;
}

}  // namespace cc::engine
