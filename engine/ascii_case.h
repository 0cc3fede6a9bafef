#pragma once
// ASCII case folding, the way Unity Catalog compares names (not locale-dependent).

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace cc::engine {

inline char lowerAsciiChar(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

inline std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lowerAsciiChar(c);
  return out;
}

inline bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char p, char q) { return lowerAsciiChar(p) == lowerAsciiChar(q); });
}

}  // namespace cc::engine
