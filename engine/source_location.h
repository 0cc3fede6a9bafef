#pragma once
// Where a value came from: file:line:col, and the map from JSON pointers to those places.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
///
/// Stored as a tree of nodes keyed by (parent, token), not as a map of pointer strings: the
/// loader adds a node per YAML node without building its pointer, and renaming a key (an
/// interpolated pipeline name) re-links one node instead of copying its whole subtree. A
/// 10,000-resource manifest has a few hundred thousand nodes; this is what keeps them cheap.
class SourceMap {
 public:
  using Node = std::uint32_t;
  static constexpr Node kRoot = 0;

  SourceMap();

  void add(const std::string& pointer, SourceRange range);
  /// The range of `pointer`, or of its closest ancestor that has one.
  std::optional<SourceRange> find(const std::string& pointer) const;
  /// The range of the key of a mapping entry (the pointer names the value), if recorded.
  std::optional<SourceRange> findKey(const std::string& pointer) const;
  void addKey(const std::string& pointer, SourceRange range);

  /// The child of `parent` named by `token` (one escaped pointer token), created when new.
  Node child(Node parent, std::string_view token);
  /// Positions in this map's own file.
  void setValue(Node node, int line, int column);
  void setKey(Node node, int line, int column);
  /// From now on `newPointer` and everything below it resolve to what `oldPointer` has: a
  /// mapping key renamed after loading keeps the positions of its subtree.
  void alias(const std::string& oldPointer, const std::string& newPointer);

  const std::string& file() const { return file_; }
  void setFile(std::string file) { file_ = std::move(file); }
  /// Nodes known, plus ranges in other files.
  std::size_t size() const { return nodes_.size() + foreign_.size(); }
  /// Room for about `nodes` nodes, so a large manifest is not rehashed as it loads.
  void reserve(std::size_t nodes);

 private:
  struct Position {
    int line = 0, column = 0;
    int keyLine = 0, keyColumn = 0;
  };
  struct ChildKey {
    Node parent;
    std::string token;
  };
  struct ChildKeyView {
    Node parent;
    std::string_view token;
  };
  struct ChildHash {
    using is_transparent = void;
    std::size_t operator()(const ChildKey& k) const { return hash(k.parent, k.token); }
    std::size_t operator()(const ChildKeyView& k) const { return hash(k.parent, k.token); }
    static std::size_t hash(Node parent, std::string_view token);
  };
  struct ChildEqual {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return a.parent == b.parent && std::string_view(a.token) == std::string_view(b.token);
    }
  };

  std::optional<Node> lookup(Node parent, std::string_view token) const;
  Node nodeFor(std::string_view pointer);
  std::optional<SourceRange> foreignFind(const std::string& pointer, std::size_t minLength) const;

  std::string file_;
  std::vector<Position> nodes_;  // by Node; nodes_[kRoot] is the document
  std::unordered_map<ChildKey, Node, ChildHash, ChildEqual> children_;
  // Ranges in another file than file_ (rare: included specs), by pointer.
  std::map<std::string, SourceRange> foreign_;
  std::map<std::string, SourceRange> foreignKeys_;
};

/// Escapes one reference token for a JSON pointer ("~" → "~0", "/" → "~1").
std::string escapePointerToken(const std::string& token);
/// The same without a copy in the common case: `token` itself when it needs no escaping, else
/// its escaped form, kept in `scratch`.
std::string_view pointerToken(const std::string& token, std::string& scratch);

}  // namespace cc::engine
