#include "engine/source_location.h"

namespace cc::engine {

std::string SourceRange::toString() const {
  if (!known()) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void SourceMap::add(const std::string& pointer, SourceRange range) {
  ranges_[pointer] = std::move(range);
}

void SourceMap::addKey(const std::string& pointer, SourceRange range) {
  keyRanges_[pointer] = std::move(range);
}

std::optional<SourceRange> SourceMap::find(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    if (auto it = ranges_.find(p); it != ranges_.end()) return it->second;
    if (p.empty()) return std::nullopt;
    auto slash = p.rfind('/');
    p = slash == std::string::npos ? std::string() : p.substr(0, slash);
  }
}

std::optional<SourceRange> SourceMap::findKey(const std::string& pointer) const {
  if (auto it = keyRanges_.find(pointer); it != keyRanges_.end()) return it->second;
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
