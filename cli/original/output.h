#pragma once
// The original tool's output conventions: success marks, warnings on
// stderr with the warning sign, banners of '=' and the pipeline URL.

#include <string>

namespace cc::cli {

inline constexpr const char* kCheckMark = "  \u2713 ";                 // "  ✓ "
inline constexpr const char* kWarningPrefix = "\u26a0\ufe0f  Warning: ";  // "⚠️  Warning: "

/// 60 '=' (40 for show_pipeline).
inline std::string banner(std::size_t width = 60) { return std::string(width, '='); }

/// `<host>/pipelines/<id>`, one trailing '/' of the host removed.
inline std::string pipelineUrl(std::string host, const std::string& pipelineId) {
  if (!host.empty() && host.back() == '/') host.pop_back();
  return host + "/pipelines/" + pipelineId;
}

}  // namespace cc::cli
