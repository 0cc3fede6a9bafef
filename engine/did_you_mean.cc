#include "engine/did_you_mean.h"

#include <algorithm>
#include <cctype>

#include "engine/ascii_case.h"

namespace cc::engine {

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  auto lower = [](const std::string& s) { return lowerAscii(s); };
  const std::string lw = lower(word);
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t bestDistance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    // A case-only difference is the likeliest typo of all.
    const std::size_t d = lower(candidate) == lw ? 0 : editDistance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace cc::engine
