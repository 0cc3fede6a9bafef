#pragma once
// A quoted scalar left open runs to the end of the file in yaml-cpp, which then accepts the
// document: the rest of the manifest silently becomes one string (and a `plan --prune` of it
// would delete everything). This finds such an opening quote.

#include <cstddef>
#include <optional>
#include <string_view>

namespace cc::engine {

/// Where an opening quote was found.
struct OpenQuote {
  std::size_t offset = 0;  // of the quote character in the text
  char quote = '"';        // '"' or '\''
};

/// The first single- or double-quoted scalar (block or flow context) whose closing quote never
/// comes; nullopt when every quoted scalar is closed. Quotes inside plain scalars (`it's`),
/// comments and block scalars (`|`, `>`) are text, not openings.
std::optional<OpenQuote> findUnterminatedQuote(std::string_view text);

}  // namespace cc::engine
