#include "engine/diagnostic.h"

#include <algorithm>

namespace cc::engine {

void Diagnostics::error(std::string summary, std::optional<SourceRange> range, std::string detail) {
  items_.push_back({Severity::Error, std::move(summary), std::move(detail), std::move(range), {}, true, std::nullopt});
}

void Diagnostics::warning(std::string summary, std::optional<SourceRange> range,
                          std::string detail) {
  items_.push_back({Severity::Warning, std::move(summary), std::move(detail), std::move(range), {}, true, std::nullopt});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t Diagnostics::errorCount() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warningCount() const { return items_.size() - errorCount(); }

void Diagnostics::sortByLocation() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const bool ak = a.range && a.range->known();
    const bool bk = b.range && b.range->known();
    if (ak != bk) return ak;  // located first
    if (!ak) return false;
    return std::tie(a.range->file, a.range->line, a.range->column) <
           std::tie(b.range->file, b.range->line, b.range->column);
  });
}

}  // namespace cc::engine
