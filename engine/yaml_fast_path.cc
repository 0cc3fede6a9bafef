#include "engine/yaml_fast_path.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>

// Design: a recursive-descent parser over the raw bytes. It only has to be right when it says
// yes, so every construct it is not sure to reproduce exactly (multi-line scalars, anchors, tags,
// block scalars, complex keys, odd indentation, tabs, directives...) makes it return false and
// the caller re-parses with yaml-cpp. Every mark, tag and null rule below was checked against
// yaml-cpp 0.7 (tests/engine/yaml_fast_path_test.cc compares the two on each construct).

namespace cc::engine {
namespace {

// Far deeper than any manifest nests; bounds the recursion well below yaml-cpp's own limit.
constexpr int kMaxDepth = 64;
// yaml-cpp rejects simple keys of 1024 characters or more: stay clearly below that.
constexpr std::ptrdiff_t kMaxKeySpan = 1000;

// yaml-cpp reports "?" (non-specific) for plain scalars and untagged collections, "!" for
// quoted scalars. Shared so that no event allocates its tag.
const std::string kPlainTag = "?";
const std::string kQuotedTag = "!";

bool isBlankOrEnd(char c) { return c == ' ' || c == '\n' || c == '\0'; }
bool isFlowEnd(char c) { return c == ',' || c == ']' || c == '}'; }

// Directives ("%") and document markers ("---", "...") only mean something at a line start;
// none of them is in the subset.
bool startsWithDocumentSyntax(std::string_view line) {
  if (!line.empty() && line[0] == '%') return true;
  return line.substr(0, 3) == "---" || line.substr(0, 3) == "...";
}

// Tabs, CR, NUL and other controls change how yaml-cpp splits lines and tokens; the first byte
// of a byte-order mark switches its input encoding. Leaving all of them to yaml-cpp lets the
// scanners below treat '\0' as "end of text".
bool hasOnlySimpleBytes(std::string_view text) {
  if (text.empty() || text.size() > static_cast<std::size_t>(INT_MAX)) return false;
  const auto first = static_cast<unsigned char>(text[0]);
  if (first == 0xEF || first == 0xFE || first == 0xFF || startsWithDocumentSyntax(text)) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7F) continue;
    if (c != '\n' || startsWithDocumentSyntax(text.substr(i + 1))) return false;
  }
  return true;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A scanned scalar whose event is not sent yet: whether it opens a mapping is only known once
// the ':' after it is seen. Its text is in FastPathParser::value_.
struct PendingScalar {
  YAML::Mark mark;
  bool quoted = false;
  bool isKey = false;  // followed by the ": " of a mapping entry (the cursor is on the ':')
};

class FastPathParser {
 public:
  FastPathParser(std::string_view text, YAML::EventHandler& handler)
      : begin_(text.data()), end_(text.data() + text.size()), p_(begin_), lineStart_(begin_),
        handler_(handler) {}

  bool parseDocument();

 private:
  // ---- cursor ----
  bool atEnd() const { return p_ == end_; }
  // '\0' stands for "past the end": the text has no NUL byte (hasOnlySimpleBytes).
  char peek(std::ptrdiff_t ahead = 0) const { return ahead < end_ - p_ ? p_[ahead] : '\0'; }
  int column() const { return static_cast<int>(p_ - lineStart_); }
  YAML::Mark mark() const;
  YAML::Mark emptyValueMark(int indent, bool inSequence) const;
  void skipSpaces();
  void skipToNextToken();
  bool atLineEndOrComment() const;
  bool atSequenceEntry() const { return peek() == '-' && isBlankOrEnd(peek(1)); }
  bool finishLine();

  // ---- block structure ----
  bool parseNodeOnOwnLine();
  bool parseInlineNode(bool mayOpenMapping);
  bool parseBlockMapping(int indent, PendingScalar firstKey);
  bool parseMappingValue(int indent);
  bool parseBlockSequence(int indent, bool indentless);
  bool parseSequenceItem(int indent);

  // ---- flow collections (single line) ----
  bool parseFlowCollection();
  bool parseFlowPair();
  bool parseFlowSeparator(char close, bool& closed);
  bool parseFlowNode();

  // ---- scalars ----
  bool scanScalar(bool inFlow, PendingScalar& out);
  bool canStartPlain(bool inFlow) const;
  void scanPlainBlock();
  bool scanPlainFlow();
  bool scanSingleQuoted();
  bool scanDoubleQuoted();
  bool appendEscape();
  bool detectKeyAfterQuoted(bool inFlow, PendingScalar& out);
  void emitScalar(const PendingScalar& s);

  bool enterCollection() { return ++depth_ <= kMaxDepth; }
  void leaveCollection() { --depth_; }

  const char* const begin_;
  const char* const end_;
  const char* p_;
  const char* lineStart_;
  int line_ = 0;
  int depth_ = 0;
  std::string value_;  // text of the scalar being scanned; reused so it keeps its capacity
  YAML::EventHandler& handler_;
};

YAML::Mark FastPathParser::mark() const {
  YAML::Mark m;
  m.pos = static_cast<int>(p_ - begin_);
  m.line = line_;
  // yaml-cpp puts its end-of-text tokens at column 0 of the last line, even after trailing
  // spaces or with no final newline.
  m.column = atEnd() ? 0 : column();
  return m;
}

// yaml-cpp marks an empty value at the token after it. At the end of the text, when the last
// line's spaces stop short of the innermost collection's indentation (or, for a sequence, reach
// exactly to it), that token is the collection's end, marked before the column is reset.
YAML::Mark FastPathParser::emptyValueMark(int indent, bool inSequence) const {
  YAML::Mark m = mark();
  if (atEnd() && (indent > column() || (inSequence && indent == column()))) m.column = column();
  return m;
}

void FastPathParser::skipSpaces() {
  while (p_ != end_ && *p_ == ' ') ++p_;
}

// Crosses spaces, comments and line breaks. Callers only call it where a '#' is a comment (at a
// line start, or after a space).
void FastPathParser::skipToNextToken() {
  for (;;) {
    skipSpaces();
    if (p_ != end_ && *p_ == '#') {
      while (p_ != end_ && *p_ != '\n') ++p_;
    }
    if (p_ == end_ || *p_ != '\n') return;
    ++p_;
    ++line_;
    lineStart_ = p_;
  }
}

// After the spaces that follow ':' or '-': nothing more on this line?
bool FastPathParser::atLineEndOrComment() const {
  const char c = peek();
  return c == '\n' || c == '\0' || c == '#';
}

// After a node that must end its line: only spaces and a comment may follow. A '#' glued to the
// node is not a comment.
bool FastPathParser::finishLine() {
  const char* const nodeEnd = p_;
  skipSpaces();
  const char c = peek();
  if (c == '#' && p_ == nodeEnd) return false;
  if (c != '\n' && c != '\0' && c != '#') return false;
  skipToNextToken();
  return true;
}

bool FastPathParser::parseDocument() {
  skipToNextToken();
  if (atEnd()) return false;  // yaml-cpp reports no document at all
  handler_.OnDocumentStart(mark());
  if (!parseNodeOnOwnLine() || !atEnd()) return false;
  handler_.OnDocumentEnd();
  return true;
}

// The first token of a line starts a node: a block sequence, or whatever may follow "- ".
bool FastPathParser::parseNodeOnOwnLine() {
  if (atSequenceEntry()) return parseBlockSequence(column(), /*indentless=*/false);
  return parseInlineNode(/*mayOpenMapping=*/true);
}

// A node that starts where the cursor is and, unless it is a block mapping, ends with its line.
// A mapping may start after "- " but not after "key: " (yaml-cpp: "illegal map value").
bool FastPathParser::parseInlineNode(bool mayOpenMapping) {
  const char c = peek();
  if (c == '[' || c == '{') return parseFlowCollection() && finishLine();
  PendingScalar s;
  if (!scanScalar(/*inFlow=*/false, s)) return false;
  if (s.isKey) return mayOpenMapping && parseBlockMapping(s.mark.column, s);
  emitScalar(s);
  return finishLine();
}

// Entered with the first key scanned and the cursor on its ':'. Returns with the cursor on the
// first token after the mapping.
bool FastPathParser::parseBlockMapping(int indent, PendingScalar key) {
  if (!enterCollection()) return false;
  // yaml-cpp marks a block mapping at its first key.
  handler_.OnMapStart(key.mark, kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Block);
  for (;;) {
    emitScalar(key);
    ++p_;  // ':'
    if (!parseMappingValue(indent)) return false;
    if (atEnd() || column() < indent) break;
    if (column() > indent) return false;  // a continuation line or a misindented key
    if (!scanScalar(/*inFlow=*/false, key) || !key.isKey) return false;
  }
  handler_.OnMapEnd();
  leaveCollection();
  return true;
}

bool FastPathParser::parseMappingValue(int indent) {
  skipSpaces();
  if (!atLineEndOrComment()) return parseInlineNode(/*mayOpenMapping=*/false);
  skipToNextToken();
  if (!atEnd() && column() > indent) return parseNodeOnOwnLine();
  // "key:\n- a" : a sequence may sit at its key's indentation.
  if (!atEnd() && column() == indent && atSequenceEntry())
    return parseBlockSequence(indent, /*indentless=*/true);
  handler_.OnNull(emptyValueMark(indent, /*inSequence=*/false), YAML::NullAnchor);
  return true;
}

// Entered on the first "-". An indentless sequence (at its key's indentation) ends at the first
// line of that indentation that is not an entry; any other sequence must not have such a line.
bool FastPathParser::parseBlockSequence(int indent, bool indentless) {
  if (!enterCollection()) return false;
  handler_.OnSequenceStart(mark(), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Block);
  for (;;) {
    if (!parseSequenceItem(indent)) return false;
    if (atEnd() || column() < indent) break;
    if (column() > indent) return false;
    if (!atSequenceEntry()) {
      if (indentless) break;
      return false;
    }
  }
  handler_.OnSequenceEnd();
  leaveCollection();
  return true;
}

bool FastPathParser::parseSequenceItem(int indent) {
  ++p_;  // '-'
  skipSpaces();
  if (!atLineEndOrComment()) {
    if (atSequenceEntry()) return false;  // "- - a": compact nested sequences are left out
    return parseInlineNode(/*mayOpenMapping=*/true);
  }
  skipToNextToken();
  if (!atEnd() && column() > indent) return parseNodeOnOwnLine();
  handler_.OnNull(emptyValueMark(indent, /*inSequence=*/true), YAML::NullAnchor);
  return true;
}

// Flow collections must close on their line; an empty entry (", ,", a trailing ",") is left to
// yaml-cpp.
bool FastPathParser::parseFlowCollection() {
  const bool mapping = peek() == '{';
  const char close = mapping ? '}' : ']';
  if (!enterCollection()) return false;
  if (mapping) handler_.OnMapStart(mark(), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Flow);
  else handler_.OnSequenceStart(mark(), kPlainTag, YAML::NullAnchor, YAML::EmitterStyle::Flow);
  ++p_;  // '[' or '{'
  skipSpaces();
  if (peek() == close) {
    ++p_;
  } else {
    for (bool closed = false; !closed;) {
      if (!(mapping ? parseFlowPair() : parseFlowNode())) return false;
      if (!parseFlowSeparator(close, closed)) return false;
    }
  }
  if (mapping) handler_.OnMapEnd();
  else handler_.OnSequenceEnd();
  leaveCollection();
  return true;
}

// "key: value" of a flow mapping; "{a: }" has a null value, marked at the ',' or '}'.
bool FastPathParser::parseFlowPair() {
  PendingScalar key;
  if (!scanScalar(/*inFlow=*/true, key) || !key.isKey) return false;
  emitScalar(key);
  ++p_;  // ':'
  skipSpaces();
  if (isFlowEnd(peek())) {
    handler_.OnNull(mark(), YAML::NullAnchor);
    return true;
  }
  return parseFlowNode();
}

// After an entry: the closing bracket (sets `closed`), or ',' and then another entry.
bool FastPathParser::parseFlowSeparator(char close, bool& closed) {
  skipSpaces();
  const char c = peek();
  if (c != ',' && c != close) return false;
  ++p_;
  closed = c == close;
  if (closed) return true;
  skipSpaces();
  return !isFlowEnd(peek());
}

// A flow sequence item or flow mapping value; single-pair mappings ("[a: b]") are left out.
bool FastPathParser::parseFlowNode() {
  const char c = peek();
  if (c == '[' || c == '{') return parseFlowCollection();
  PendingScalar s;
  if (!scanScalar(/*inFlow=*/true, s) || s.isKey) return false;
  emitScalar(s);
  return true;
}

// Scans a single-line scalar into value_ and finds out whether a ": " follows it.
bool FastPathParser::scanScalar(bool inFlow, PendingScalar& out) {
  const char* const start = p_;
  out.mark = mark();
  out.isKey = false;
  const char c = peek();
  if (c == '\'' || c == '"') {
    out.quoted = true;
    if (!(c == '\'' ? scanSingleQuoted() : scanDoubleQuoted())) return false;
    if (!detectKeyAfterQuoted(inFlow, out)) return false;
  } else {
    out.quoted = false;
    if (!canStartPlain(inFlow)) return false;
    if (inFlow) {
      if (!scanPlainFlow()) return false;
    } else {
      scanPlainBlock();
    }
    out.isKey = peek() == ':';
  }
  return !out.isKey || p_ - start <= kMaxKeySpan;
}

// Indicator characters cannot start a plain scalar; "-", "?" and ":" can when a non-blank
// follows ("-1", ":x"). In flow context only "-x" is kept: yaml-cpp scans "?" and ":" there in
// its own ways.
bool FastPathParser::canStartPlain(bool inFlow) const {
  const char c = peek();
  const char next = peek(1);
  switch (c) {
    case '-':
      return !isBlankOrEnd(next) && !(inFlow && (isFlowEnd(next) || next == '[' || next == '{'));
    case '?':
    case ':':
      return !inFlow && !isBlankOrEnd(next);
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!':
    case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
    case ' ': case '\n': case '\0':
      return false;
    default:
      return true;
  }
}

// Block context: the scalar ends at the line end, at " #" or at ": " (or ':' ending the line).
// Inner spaces are kept, trailing ones dropped; '{', '}', '$', '#' glued to text are ordinary.
void FastPathParser::scanPlainBlock() {
  const char* const start = p_;
  const char* contentEnd = p_;
  while (p_ != end_) {
    const char c = *p_;
    if (c == '\n') break;
    if (c == ' ') {
      if (peek(1) == '#') break;
      ++p_;
      continue;
    }
    if (c == ':' && isBlankOrEnd(peek(1))) break;
    contentEnd = ++p_;
  }
  value_.assign(start, contentEnd);
}

// Flow context: the scalar also ends at ',', ']' and '}'. Anything yaml-cpp might scan
// differently ('[', '{', '?', ':' before an indicator, a comment, a line end) is left to it.
bool FastPathParser::scanPlainFlow() {
  const char* const start = p_;
  const char* contentEnd = p_;
  for (;;) {
    const char c = peek();
    if (isFlowEnd(c)) break;
    if (c == '\n' || c == '\0' || c == '[' || c == '{' || c == '?') return false;
    if (c == ' ') {
      if (peek(1) == '#') return false;
      ++p_;
      continue;
    }
    if (c == ':') {
      const char next = peek(1);
      if (next == ' ') break;
      if (isBlankOrEnd(next) || isFlowEnd(next)) return false;
    }
    contentEnd = ++p_;
  }
  value_.assign(start, contentEnd);
  return true;
}

bool FastPathParser::scanSingleQuoted() {
  ++p_;  // opening quote
  value_.clear();
  for (;;) {
    const char* const run = p_;
    while (p_ != end_ && *p_ != '\'' && *p_ != '\n') ++p_;
    value_.append(run, p_);
    if (p_ == end_ || *p_ == '\n') return false;  // unterminated or multi-line
    ++p_;
    if (peek() != '\'') return true;
    value_ += '\'';  // "''" is a quote
    ++p_;
  }
}

bool FastPathParser::scanDoubleQuoted() {
  ++p_;  // opening quote
  value_.clear();
  for (;;) {
    const char* const run = p_;
    while (p_ != end_ && *p_ != '"' && *p_ != '\\' && *p_ != '\n') ++p_;
    value_.append(run, p_);
    if (p_ == end_ || *p_ == '\n') return false;  // unterminated or multi-line
    if (*p_ == '"') {
      ++p_;
      return true;
    }
    ++p_;  // '\\'
    if (!appendEscape()) return false;
  }
}

// The escapes whose yaml-cpp result was checked. \N, \_, \L, \P are left out: yaml-cpp writes
// \N and \_ as single raw bytes, not as UTF-8.
bool FastPathParser::appendEscape() {
  const char c = peek();
  ++p_;
  int digits = 0;
  switch (c) {
    case '0': value_ += '\0'; return true;
    case 'a': value_ += '\a'; return true;
    case 'b': value_ += '\b'; return true;
    case 't': value_ += '\t'; return true;
    case 'n': value_ += '\n'; return true;
    case 'v': value_ += '\v'; return true;
    case 'f': value_ += '\f'; return true;
    case 'r': value_ += '\r'; return true;
    case 'e': value_ += '\x1B'; return true;
    case ' ': case '"': case '/': case '\\': value_ += c; return true;
    case 'x': digits = 2; break;
    case 'u': digits = 4; break;
    case 'U': digits = 8; break;
    default: return false;
  }
  std::uint32_t cp = 0;
  for (int i = 0; i < digits; ++i) {
    const int v = hexValue(peek());
    if (v < 0) return false;
    cp = (cp << 4) | static_cast<std::uint32_t>(v);
    ++p_;
  }
  // yaml-cpp rejects surrogates and values past U+10FFFF ("invalid unicode").
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
  appendUtf8(value_, cp);
  return true;
}

// A quoted scalar is a key when spaces and ": " (or ':' ending the line, in block context)
// follow. Any other ':' right there ("'a':b") is left to yaml-cpp.
bool FastPathParser::detectKeyAfterQuoted(bool inFlow, PendingScalar& out) {
  const char* q = p_;
  while (q != end_ && *q == ' ') ++q;
  if (q == end_ || *q != ':') return true;
  const char next = q + 1 == end_ ? '\0' : q[1];
  if (next != ' ' && (inFlow || !isBlankOrEnd(next))) return false;
  p_ = q;
  out.isKey = true;
  return true;
}

void FastPathParser::emitScalar(const PendingScalar& s) {
  if (!s.quoted && (value_ == "~" || value_ == "null" || value_ == "Null" || value_ == "NULL")) {
    handler_.OnNull(s.mark, YAML::NullAnchor);  // yaml-cpp resolves plain null spellings itself
    return;
  }
  handler_.OnScalar(s.mark, s.quoted ? kQuotedTag : kPlainTag, YAML::NullAnchor, value_);
}

}  // namespace

bool parseYamlFastPath(std::string_view text, YAML::EventHandler& handler) {
  if (!hasOnlySimpleBytes(text)) return false;
  return FastPathParser(text, handler).parseDocument();
}

}  // namespace cc::engine
