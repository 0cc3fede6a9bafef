#pragma once
// Text from a server, made safe to print: a hostile or broken workspace must not be able to
// move the cursor, recolour or clear the terminal (escape sequences), or fake further lines of
// our output (line breaks, where a value is meant to stay on one line).

#include <string>
#include <string_view>

namespace cc::engine {

/// `text` with every control character (C0 and DEL) replaced by a space; with
/// `keepLineBreaks`, '\n' and '\t' stay (multi-line API error messages).
inline std::string terminalSafe(std::string_view text, bool keepLineBreaks) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool control = c < 0x20 || c == 0x7f;
    const bool kept = keepLineBreaks && (c == '\n' || c == '\t');
    out += control && !kept ? ' ' : static_cast<char>(c);
  }
  return out;
}

}  // namespace cc::engine
