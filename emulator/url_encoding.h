#pragma once

#include <map>
#include <string>

namespace cc::emulator {

/// Decodes %XX escapes; `plusIsSpace` for query strings and form bodies.
std::string percentDecode(const std::string& text, bool plusIsSpace);

/// Parses `a=1&b=2&a=3` (query string or x-www-form-urlencoded body), keeping repeats in order.
std::multimap<std::string, std::string> parseForm(const std::string& text);

}  // namespace cc::emulator
