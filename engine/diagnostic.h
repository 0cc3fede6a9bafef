#pragma once
// Problems found on the way from input to plan, as data. Only cli/ turns them into text.

#include <optional>
#include <string>
#include <vector>

#include "engine/api_failure.h"
#include "engine/source_location.h"

namespace cc::engine {

enum class Severity { Error, Warning };

/// One problem: what is wrong (summary), how to fix it (detail), where (range and/or the
/// resource it concerns). Summaries are lower-case with no final period.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string summary;
  std::string detail;
  std::optional<SourceRange> range;
  std::string resource;  // e.g. "connection github_conn"; empty when not about one resource
  /// False when the source line itself is sensitive (a credential written in the file): the
  /// location is printed, the line and caret are not.
  bool quoteSource = true;
  /// Set when the problem is a failed API request: status, error code and message as the
  /// server gave them (the summary already says it in one line).
  std::optional<ApiFailure> api;
};

/// An ordered collection of diagnostics; checks append so that all problems are reported at once.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string summary, std::optional<SourceRange> range = std::nullopt,
             std::string detail = {});
  void warning(std::string summary, std::optional<SourceRange> range = std::nullopt,
               std::string detail = {});
  void append(const Diagnostics& other);

  bool hasErrors() const;
  std::size_t errorCount() const;
  std::size_t warningCount() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Stable order by file, line, column; unlocated diagnostics keep their order, last.
  void sortByLocation();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace cc::engine
