#include "cli/original_session.h"

#include <regex>

namespace cc::cli {

engine::Result<std::unique_ptr<OriginalSession>> openOriginalSession(const GlobalOptions&) {
  // The per-kind HTTPS providers and their registry (providers/) have not landed in this
  // version: say so instead of pretending.
  return engine::Result<std::unique_ptr<OriginalSession>>::failure(
      "the workspace providers are not built yet in this version of community-connector");
}

std::string originalApiMessage(const engine::Diagnostic& diagnostic, bool withCode) {
  // Provider summaries read "... <METHOD> <path>: <status> [<CODE>]: <message> (request id …)".
  static const std::regex api(R"re((?:^|: )(\d{3})(?: ([A-Z][A-Z0-9_]*))?: (.*?)(?: \(request id [^)]*\))?(?: after \d+ attempts)?$)re");
  std::smatch m;
  if (!std::regex_search(diagnostic.summary, m, api)) return diagnostic.summary;
  const std::string code = m[2].matched ? m[2].str() : std::string();
  const std::string message = m[3];
  if (withCode && !code.empty()) return "[" + code + "] " + message;
  return message;
}

}  // namespace cc::cli
