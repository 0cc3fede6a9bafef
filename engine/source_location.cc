#include "engine/source_location.h"

namespace cc::engine {

std::string SourceRange::toString() const {
  if (!known()) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void SourceMap::add(const std::string& pointer, SourceRange range) {
  if (range.file != file_) {
    foreign_[pointer] = std::move(range);
    return;
  }
  Position& p = positions_[pointer];
  p.line = range.line;
  p.column = range.column;
}

void SourceMap::addKey(const std::string& pointer, SourceRange range) {
  if (range.file != file_) {
    foreignKeys_[pointer] = std::move(range);
    return;
  }
  Position& p = positions_[pointer];
  p.keyLine = range.line;
  p.keyColumn = range.column;
}

std::optional<SourceRange> SourceMap::find(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    if (auto it = positions_.find(p); it != positions_.end() && it->second.line > 0)
      return SourceRange{file_, it->second.line, it->second.column};
    if (!foreign_.empty()) {
      if (auto it = foreign_.find(p); it != foreign_.end()) return it->second;
    }
    if (p.empty()) return std::nullopt;
    auto slash = p.rfind('/');
    p = slash == std::string::npos ? std::string() : p.substr(0, slash);
  }
}

std::optional<SourceRange> SourceMap::findKey(const std::string& pointer) const {
  if (auto it = positions_.find(pointer); it != positions_.end() && it->second.keyLine > 0)
    return SourceRange{file_, it->second.keyLine, it->second.keyColumn};
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

}  // namespace cc::engine
