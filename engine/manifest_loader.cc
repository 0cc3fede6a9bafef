#include "engine/manifest_loader.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string_view>
#include <vector>

#include "engine/yaml_fast_path.h"
#include "engine/yaml_quotes.h"

namespace cc::engine {
namespace {

using nlohmann::json;

// Thrown inside the event handler to stop yaml-cpp's parser; caught in loadYaml only.
struct LoadAbort {
  std::string message;
  SourceRange range;
};

SourceRange rangeOf(const std::string& file, const YAML::Mark& m) {
  return {file, m.line + 1, m.column + 1};
}

// Position (1-based line and column, in bytes) of a byte offset.
SourceRange rangeAtOffset(const std::string& file, std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {file, line, col};
}

// Offset of the first byte that is not well-formed UTF-8 (overlongs and surrogates included),
// or npos.
std::size_t firstInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else return i;
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string_view::npos;
}

// The core schema's number patterns, matched by hand: compiling them as std::regex cost more than
// loading a small manifest takes, in every process that loads one.
std::size_t digitsFrom(std::string_view v, std::size_t i) {
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  return i;
}

std::size_t afterSign(std::string_view v) { return !v.empty() && (v[0] == '-' || v[0] == '+') ? 1 : 0; }

// [-+]?[0-9]+
bool isCoreInt(std::string_view v) {
  const std::size_t start = afterSign(v);
  const std::size_t end = digitsFrom(v, start);
  return end > start && end == v.size();
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool isCoreFloat(std::string_view v) {
  const std::size_t start = afterSign(v);
  std::size_t i = digitsFrom(v, start);
  if (i > start) {
    if (i < v.size() && v[i] == '.') i = digitsFrom(v, i + 1);
  } else {
    if (i == v.size() || v[i] != '.') return false;
    i = digitsFrom(v, i + 1);
    if (i == start + 1) return false;
  }
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    std::size_t exponent = i + 1;
    if (exponent < v.size() && (v[exponent] == '-' || v[exponent] == '+')) ++exponent;
    i = digitsFrom(v, exponent);
    if (i == exponent) return false;
  }
  return i == v.size();
}

// 0x[0-9a-fA-F]+ (kind 'x') or 0o[0-7]+ (kind 'o').
bool isPrefixedInt(std::string_view v, char kind) {
  if (v.size() < 3 || v[0] != '0' || v[1] != kind) return false;
  for (const char c : v.substr(2)) {
    const bool digit = kind == 'x' ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                                   : c >= '0' && c <= '7';
    if (!digit) return false;
  }
  return true;
}

// YAML 1.2 core schema resolution of a plain scalar.
json resolvePlain(const std::string& v) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  const char c0 = v[0];
  if ((c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '+' || c0 == '.') {
    if (isCoreInt(v)) {
      errno = 0;
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 10);
      if (errno == 0) return n;
      return std::strtod(v.c_str(), nullptr);
    }
    if (isCoreFloat(v)) return std::strtod(v.c_str(), nullptr);
    if (v == ".inf" || v == ".Inf" || v == "+.inf") return std::numeric_limits<double>::infinity();
    if (v == "-.inf" || v == "-.Inf") return -std::numeric_limits<double>::infinity();
  }
  if (isPrefixedInt(v, 'x')) return std::strtoll(v.c_str() + 2, nullptr, 16);
  if (isPrefixedInt(v, 'o')) return std::strtoll(v.c_str() + 2, nullptr, 8);
  return v;
}

/// Builds the JSON tree from parser events, with positions, budgets and duplicate detection.
class JsonBuilder : public YAML::EventHandler {
 public:
  /// `expectedNodes`: room in the position map, so a large document is not rehashed as it loads.
  JsonBuilder(std::string file, const LoaderLimits& limits, std::size_t expectedNodes = 0)
      : file_(std::move(file)), limits_(limits) {
    sources_.reserve(expectedNodes);
    sources_.setFile(file_);
  }

  bool done() const { return haveRoot_; }
  json takeRoot() { return std::move(root_); }
  SourceMap takeSources() { return std::move(sources_); }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  const YAML::Mark& start() const { return start_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // An empty value (`source_table:` with nothing after it) has yaml-cpp's mark of the next
    // token, often on the next line: point at its key instead.
    const bool valueOfKey = !stack_.empty() && stack_.back().value.is_object() && stack_.back().haveKey;
    leaf(json(nullptr), valueOfKey ? stack_.back().keyMark : mark, anchor, "");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // yaml-cpp tags quoted scalars "!"; plain ones "?". An explicit !!str keeps text too.
    const bool text = tag == "!" || tag == "tag:yaml.org,2002:str";
    leaf(text ? json(value) : resolvePlain(value), mark, anchor, value);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || !anchors_[anchor].defined)
      throw LoadAbort{"alias refers to an anchor that is not complete here", rangeOf(file_, mark)};
    const Anchored& a = anchors_[anchor];
    countNodes(a.nodes, a.bytes, mark);
    place(json(a.value), mark, a.nodes, a.keyText, std::nullopt, a.bytes);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(json::array(), mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(json::object(), mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    json value;
    SourceMap::Node node = SourceMap::kRoot;
    YAML::Mark mark;
    YAML::anchor_t anchor = 0;
    std::size_t nodes = 1;
    std::size_t bytes = 1;
    bool haveKey = false;
    std::string key;
    YAML::Mark keyMark;
  };
  struct Anchored {
    bool defined = false;
    json value;
    std::size_t nodes = 0;
    std::size_t bytes = 0;
    std::string keyText;
  };

  // Nodes and bytes after alias expansion: a few aliases of one long string in nested lists
  // stay under any node count while the expanded text grows without bound.
  void countNodes(std::size_t n, std::size_t bytes, const YAML::Mark& mark) {
    total_ += n;
    totalBytes_ += bytes;
    if (total_ > limits_.maxNodes)
      throw LoadAbort{"the document expands to more than " + std::to_string(limits_.maxNodes) +
                          " nodes (alias expansion): remove the repeated aliases",
                      rangeOf(file_, mark)};
    if (totalBytes_ > limits_.maxExpandedBytes)
      throw LoadAbort{"excessive aliasing: the document expands to more than " +
                          std::to_string(limits_.maxExpandedBytes / (1024 * 1024)) +
                          " MiB of text (alias expansion): remove the repeated aliases",
                      rangeOf(file_, mark)};
  }

  // Where the next node goes: its pointer, or nullopt when it is a mapping key.
  bool nextIsKey() const {
    return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().haveKey;
  }
  // The source-map node of the value about to be placed in the innermost collection.
  SourceMap::Node childNode() {
    if (stack_.empty()) return SourceMap::kRoot;
    const Frame& f = stack_.back();
    if (f.value.is_array()) {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, f.value.size()).ptr;
      return sources_.child(f.node, std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    std::string escaped;
    return sources_.child(f.node, pointerToken(f.key, escaped));
  }

  void open(json value, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (nextIsKey())
      throw LoadAbort{"mapping keys must be plain strings, not mappings or sequences",
                      rangeOf(file_, mark)};
    if (static_cast<int>(stack_.size()) >= limits_.maxDepth)
      throw LoadAbort{"nesting deeper than " + std::to_string(limits_.maxDepth) +
                          " levels: flatten the document",
                      rangeOf(file_, mark)};
    countNodes(1, 1, mark);
    Frame f;
    f.node = childNode();
    f.value = std::move(value);
    f.mark = mark;
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.anchor != 0) remember(f.anchor, f.value, f.nodes, f.bytes, "");
    place(std::move(f.value), f.mark, f.nodes, "", f.node, f.bytes);
  }

  void leaf(json value, const YAML::Mark& mark, YAML::anchor_t anchor, const std::string& text) {
    const std::size_t bytes = text.size() + 1;
    countNodes(1, bytes, mark);
    if (anchor != 0) remember(anchor, value, 1, bytes, text);
    place(std::move(value), mark, 1, text, std::nullopt, bytes);
  }

  void remember(YAML::anchor_t anchor, const json& value, std::size_t nodes, std::size_t bytes,
                const std::string& text) {
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = {true, value, nodes, bytes, text};
  }

  // `node`: the value's source-map node when open() made it already (collections).
  void place(json value, const YAML::Mark& mark, std::size_t nodes, const std::string& text,
             std::optional<SourceMap::Node> node, std::size_t bytes) {
    if (stack_.empty()) {
      root_ = std::move(value);
      haveRoot_ = true;
      sources_.setValue(SourceMap::kRoot, mark.line + 1, mark.column + 1);
      return;
    }
    Frame& parent = stack_.back();
    parent.nodes += nodes;
    parent.bytes += bytes;
    if (parent.value.is_array()) {
      sources_.setValue(node ? *node : childNode(), mark.line + 1, mark.column + 1);
      parent.value.push_back(std::move(value));
      return;
    }
    if (!parent.haveKey) {
      if (value.is_object() || value.is_array())
        throw LoadAbort{"mapping keys must be plain strings, not mappings or sequences",
                        rangeOf(file_, mark)};
      parent.key = value.is_string() ? value.get<std::string>() : text;
      parent.keyMark = mark;
      if (parent.value.contains(parent.key))
        throw LoadAbort{"duplicate key '" + parent.key + "': each key may appear once in a mapping",
                        rangeOf(file_, mark)};
      parent.haveKey = true;
      return;
    }
    const SourceMap::Node child = node ? *node : childNode();
    sources_.setValue(child, mark.line + 1, mark.column + 1);
    sources_.setKey(child, parent.keyMark.line + 1, parent.keyMark.column + 1);
    parent.value.emplace(std::move(parent.key), std::move(value));
    parent.key.clear();
    parent.haveKey = false;
  }

  std::string file_;
  LoaderLimits limits_;
  std::vector<Frame> stack_;
  std::vector<Anchored> anchors_;
  std::size_t total_ = 0;
  std::size_t totalBytes_ = 0;
  json root_;
  bool haveRoot_ = false;
  SourceMap sources_;
  YAML::Mark start_;
};

}  // namespace

std::string displayName(const std::string& path) { return path == "-" ? "<stdin>" : path; }

Result<std::string> readSourceText(const std::string& path, std::size_t maxBytes) {
  const std::string name = displayName(path);
  std::string text;
  auto readAll = [&](std::istream& in) {
    std::vector<char> buf(64 * 1024);
    while (in && text.size() <= maxBytes) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      text.append(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
  };
  if (path == "-") {
    readAll(std::cin);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return Result<std::string>::failure("cannot read '" + name + "': " + std::strerror(errno),
                                           std::nullopt, "check the path given with -f");
    readAll(in);
  }
  if (text.size() > maxBytes)
    return Result<std::string>::failure(
        "'" + name + "' is larger than " + std::to_string(maxBytes / (1024 * 1024)) + " MiB",
        std::nullopt, "split it into several manifests");
  return text;
}

Result<LoadedYaml> loadYaml(std::string_view text, const std::string& file, const LoaderLimits& limits) {
  using R = Result<LoadedYaml>;
  if (text.size() > limits.maxBytes)
    return R::failure("'" + file + "' is larger than " + std::to_string(limits.maxBytes / (1024 * 1024)) +
                      " MiB", std::nullopt, "split it into several files");
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (auto nul = text.find('\0'); nul != std::string_view::npos)
    return R::failure("the file contains a NUL byte: it is not a YAML text file",
                      rangeAtOffset(file, text, nul));
  if (auto bad = firstInvalidUtf8(text); bad != std::string_view::npos)
    return R::failure("invalid UTF-8: save the file as UTF-8", rangeAtOffset(file, text, bad));

  // About one node per line (plus keys): sized up front so the position map never rehashes.
  const std::size_t expectedNodes = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) * 2 + 16;
  std::optional<JsonBuilder> builder(std::in_place, file, limits, expectedNodes);
  // The fast path handles the common subset of YAML with yaml-cpp's exact events; anything
  // else, and every error (ours included), is left to yaml-cpp so messages stay the same.
  bool handled = false;
  try {
    handled = parseYamlFastPath(text, *builder) && builder->done();
  } catch (const LoadAbort&) {
    handled = false;
  }
  if (!handled) {
    // yaml-cpp accepts a quote left open to the end of the file; we do not.
    if (auto open = findUnterminatedQuote(text)) {
      return R::failure(std::string("unterminated ") + (open->quote == '"' ? "double" : "single") +
                            "-quoted string: the quote opened here is not closed before the lines that follow "
                            "it, so it would swallow them",
                        rangeAtOffset(file, text, open->offset),
                        std::string("close it with ") + open->quote + " on the same line");
    }
    builder.emplace(file, limits, expectedNodes);
    std::istringstream in{std::string(text)};
    try {
      YAML::Parser parser(in);
      if (!parser.HandleNextDocument(*builder) || !builder->done())
        return R::failure("'" + file + "' is empty", SourceRange{file, 1, 1},
                          "a manifest starts with 'version: 1'");
      JsonBuilder second(file, limits);
      if (parser.HandleNextDocument(second)) {
        return R::failure("several YAML documents in one file: keep one document (remove '---')",
                          rangeOf(file, second.start()));
      }
    } catch (const LoadAbort& abort) {
      return R::failure(abort.message, abort.range);
    } catch (const YAML::Exception& e) {
      return R::failure("invalid YAML: " + e.msg, rangeOf(file, e.mark));
    }
  }
  LoadedYaml out;
  out.document = builder->takeRoot();
  out.sources = builder->takeSources();
  out.sources.setFile(file);
  if (out.document.is_null())
    return R::failure("'" + file + "' is empty", SourceRange{file, 1, 1},
                      "a manifest starts with 'version: 1'");
  if (limits.requireMapping && !out.document.is_object())
    return R::failure("the document must be a mapping (key: value pairs), not a " +
                          std::string(out.document.is_array() ? "sequence" : "scalar"),
                      out.sources.find(""));
  return out;
}

}  // namespace cc::engine
