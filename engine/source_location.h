#pragma once
// Where a value came from: file:line:col, and the map from JSON pointers to those places.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>

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
  std::size_t size() const { return positions_.size() + foreign_.size(); }
  /// Room for about `entries` positions, so a large manifest is not rehashed as it loads.
  void reserve(std::size_t entries) { positions_.reserve(entries); }

 private:
  // Positions only: the file name is stored once (a manifest is one file), so a map of
  // 10,000 resources costs a few MiB and no per-entry string copies. Ranges of another file
  // (rare: included specs) keep their name in `foreign_`.
  struct Position {
    int line = 0, column = 0;
    int keyLine = 0, keyColumn = 0;
  };
  std::string file_;
  std::unordered_map<std::string, Position> positions_;
  std::map<std::string, SourceRange> foreign_;
  std::map<std::string, SourceRange> foreignKeys_;
};

/// Escapes one reference token for a JSON pointer ("~" → "~0", "/" → "~1").
std::string escapePointerToken(const std::string& token);

}  // namespace cc::engine
