#pragma once
// Writing a file the user named (`plan -o PATH`): never a half-written file, never a surprise.

#include <ostream>
#include <string>
#include <vector>

namespace cc::cli {

/// Why a write was refused or failed; empty `what` means it succeeded.
struct OutputFileError {
  std::string what;  // "cannot write the plan to X: reason"
  std::string fix;   // how to get it right
  explicit operator bool() const { return !what.empty(); }
};

/// Writes `text` to `path`:
/// - "-" writes to `standardOutput`;
/// - a regular file (or a new one) is replaced atomically: a temporary file with an
///   unpredictable name in the same folder (mkstemp), flushed, synced, then renamed over it;
///   an existing file keeps its permission bits;
/// - a symbolic link is written through: its target is replaced, the link stays;
/// - a device, FIFO or socket (/dev/null, /dev/stdout) is opened and written, never replaced;
/// - a path that is one of `inputs` (the manifest, say), however it is spelled, is refused.
/// `what` names the content in messages ("the plan").
OutputFileError writeOutputFile(const std::string& path, const std::string& text, const std::vector<std::string>& inputs,
                                const std::string& what, std::ostream& standardOutput);

}  // namespace cc::cli
