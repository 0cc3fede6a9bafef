#include "engine/source_location.h"

#include <functional>

namespace cc::engine {
namespace {

// Calls `visit(token, endOffset)` for each reference token of a JSON pointer ("/a/b" → a, b);
// stops early when it returns false. "" has no tokens.
template <class Visit>
void forEachToken(std::string_view pointer, Visit visit) {
  std::size_t i = 0;
  while (i < pointer.size()) {
    const std::size_t start = i + 1;  // past the '/'
    std::size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    if (!visit(pointer.substr(start, end - start), end)) return;
    i = end;
  }
}

}  // namespace

std::string SourceRange::toString() const {
  if (!known()) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::size_t SourceMap::ChildHash::hash(Node parent, std::string_view token) {
  return std::hash<std::string_view>{}(token) ^ (static_cast<std::size_t>(parent) * 0x9E3779B97F4A7C15ULL);
}

SourceMap::SourceMap() : nodes_(1) {}

void SourceMap::reserve(std::size_t nodes) {
  nodes_.reserve(nodes);
  children_.reserve(nodes);
}

std::optional<SourceMap::Node> SourceMap::lookup(Node parent, std::string_view token) const {
  auto it = children_.find(ChildKeyView{parent, token});
  if (it == children_.end()) return std::nullopt;
  return it->second;
}

SourceMap::Node SourceMap::child(Node parent, std::string_view token) {
  if (auto found = lookup(parent, token)) return *found;
  const auto node = static_cast<Node>(nodes_.size());
  nodes_.emplace_back();
  children_.emplace(ChildKey{parent, std::string(token)}, node);
  return node;
}

SourceMap::Node SourceMap::nodeFor(std::string_view pointer) {
  Node node = kRoot;
  forEachToken(pointer, [&](std::string_view token, std::size_t) {
    node = child(node, token);
    return true;
  });
  return node;
}

void SourceMap::setValue(Node node, int line, int column) {
  nodes_[node].line = line;
  nodes_[node].column = column;
}

void SourceMap::setKey(Node node, int line, int column) {
  nodes_[node].keyLine = line;
  nodes_[node].keyColumn = column;
}

void SourceMap::add(const std::string& pointer, SourceRange range) {
  if (range.file != file_) {
    foreign_[pointer] = std::move(range);
    return;
  }
  setValue(nodeFor(pointer), range.line, range.column);
}

void SourceMap::addKey(const std::string& pointer, SourceRange range) {
  if (range.file != file_) {
    foreignKeys_[pointer] = std::move(range);
    return;
  }
  setKey(nodeFor(pointer), range.line, range.column);
}

void SourceMap::alias(const std::string& oldPointer, const std::string& newPointer) {
  std::optional<Node> old = kRoot;
  forEachToken(oldPointer, [&](std::string_view token, std::size_t) {
    old = lookup(*old, token);
    return old.has_value();
  });
  const std::size_t slash = newPointer.rfind('/');
  if (old && !newPointer.empty() && slash != std::string::npos) {
    const Node parent = nodeFor(std::string_view(newPointer).substr(0, slash));
    children_.insert_or_assign(ChildKey{parent, newPointer.substr(slash + 1)}, *old);
  }
  // Ranges of other files are few: copied, prefix by prefix.
  std::map<std::string, SourceRange> moved, movedKeys;
  auto under = [&](const std::string& p) {
    return p.compare(0, oldPointer.size(), oldPointer) == 0 && (p.size() == oldPointer.size() || p[oldPointer.size()] == '/');
  };
  for (const auto& [p, r] : foreign_)
    if (under(p)) moved[newPointer + p.substr(oldPointer.size())] = r;
  for (const auto& [p, r] : foreignKeys_)
    if (under(p)) movedKeys[newPointer + p.substr(oldPointer.size())] = r;
  foreign_.merge(moved);
  foreignKeys_.merge(movedKeys);
}

// The deepest prefix of `pointer` longer than `minLength` that has a range in another file.
std::optional<SourceRange> SourceMap::foreignFind(const std::string& pointer, std::size_t minLength) const {
  std::string p = pointer;
  while (true) {
    if (p.size() < minLength) return std::nullopt;
    if (auto it = foreign_.find(p); it != foreign_.end()) return it->second;
    if (p.empty()) return std::nullopt;
    const std::size_t slash = p.rfind('/');
    p.resize(slash == std::string::npos ? 0 : slash);
  }
}

std::optional<SourceRange> SourceMap::find(const std::string& pointer) const {
  // The deepest node on the path that has a position wins; a foreign range wins only from a
  // deeper prefix (at the same depth the own file's position comes first).
  std::optional<Node> best;
  std::size_t bestLength = 0;
  if (nodes_[kRoot].line > 0) best = kRoot;
  Node node = kRoot;
  forEachToken(pointer, [&](std::string_view token, std::size_t end) {
    auto next = lookup(node, token);
    if (!next) return false;
    node = *next;
    if (nodes_[node].line > 0) {
      best = node;
      bestLength = end;
    }
    return true;
  });
  if (!foreign_.empty()) {
    if (auto f = foreignFind(pointer, best ? bestLength + 1 : 0)) return f;
  }
  if (!best) return std::nullopt;
  return SourceRange{file_, nodes_[*best].line, nodes_[*best].column};
}

std::optional<SourceRange> SourceMap::findKey(const std::string& pointer) const {
  std::optional<Node> node = kRoot;
  forEachToken(pointer, [&](std::string_view token, std::size_t) {
    node = lookup(*node, token);
    return node.has_value();
  });
  if (node && nodes_[*node].keyLine > 0) return SourceRange{file_, nodes_[*node].keyLine, nodes_[*node].keyColumn};
  if (auto it = foreignKeys_.find(pointer); it != foreignKeys_.end()) return it->second;
  return find(pointer);
}

std::string escapePointerToken(const std::string& token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string_view pointerToken(const std::string& token, std::string& scratch) {
  if (token.find_first_of("~/") == std::string::npos) return token;
  scratch = escapePointerToken(token);
  return scratch;
}

}  // namespace cc::engine
