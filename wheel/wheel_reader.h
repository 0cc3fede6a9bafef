#pragma once
// Reading a wheel someone else built (`upload --wheel`, `publish -p`): is it a zip archive,
// and which files does it hold. A wheel is checked before anything is uploaded.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::wheel {

/// The names of the entries of the zip archive `bytes` (folders end in '/'), sorted
/// by name. An error, located at `where`, when `bytes` is not a readable zip archive.
engine::Result<std::vector<std::string>> zipEntryNames(const std::string& bytes, const std::string& where);

/// The largest wheel the tool reads: a wheel is held in memory whole, and a plan file carries
/// each package of a manifest (base64).
inline constexpr std::size_t kMaxWheelBytes = std::size_t{64} << 20;

struct WheelFile {
  std::string bytes;
  std::vector<std::string> entries;  // as zipEntryNames gives them
};

/// Reads the wheel at `path`: a regular file of at most kMaxWheelBytes that is a readable zip
/// archive. Errors are located at the path and say the limit or the problem.
engine::Result<WheelFile> readWheelFile(const std::filesystem::path& path);

/// True when an entry of `entries` lies below `folder` ("a/b/": with its trailing '/').
bool holdsFolder(const std::vector<std::string>& entries, const std::string& folder);

}  // namespace cc::wheel
