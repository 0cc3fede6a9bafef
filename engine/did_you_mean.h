#pragma once
// "Did you mean": the closest of a set of known names to a misspelt one.

#include <optional>
#include <string>
#include <vector>

namespace cc::engine {

/// Levenshtein distance (insert, delete, substitute; case-sensitive).
std::size_t editDistance(const std::string& a, const std::string& b);

/// The candidate closest to `word` if it is close enough to be a likely typo: at most a third
/// of the word's length in edits (at least one), or a case-only difference. Ties go to the
/// first candidate, so callers pass candidates in a stable order.
std::optional<std::string> closestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace cc::engine
