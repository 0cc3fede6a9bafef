#pragma once
// Where a value came from: file:line:col, and the map from JSON pointers to those places.

#include <map>
#include <optional>
#include <string>

namespace cc::engine {

/// A position in a source file; line and column are 1-based, 0 means unknown.
struct SourceRange {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  /// "file:line:col", or just "file" when the position is unknown.
  std::string toString() const;
  auto operator<=>(const SourceRange&) const = default;
};

/// JSON pointer (RFC 6901, e.g. "/pipelines/p1/objects/0") → where that node was written.
/// Filled by the loader; consulted by every check that reports a located diagnostic.
class SourceMap {
 public:
  void add(const std::string& pointer, SourceRange range);
  /// The range of `pointer`, or of its closest ancestor that has one.
  std::optional<SourceRange> find(const std::string& pointer) const;
  /// The range of the key of a mapping entry (the pointer names the value), if recorded.
  std::optional<SourceRange> findKey(const std::string& pointer) const;
  void addKey(const std::string& pointer, SourceRange range);
  const std::string& file() const { return file_; }
  void setFile(std::string file) { file_ = std::move(file); }
  std::size_t size() const { return ranges_.size(); }

 private:
  std::string file_;
  std::map<std::string, SourceRange> ranges_;
  std::map<std::string, SourceRange> keyRanges_;
};

/// Escapes one reference token for a JSON pointer ("~" → "~0", "/" → "~1").
std::string escapePointerToken(const std::string& token);

}  // namespace cc::engine
