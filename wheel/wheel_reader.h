#pragma once
// Reading a wheel someone else built (`upload --wheel`, `publish -p`): is it a zip archive,
// and which files does it hold. A wheel is checked before anything is uploaded.

#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::wheel {

/// The names of the entries of the zip archive `bytes` (folders end in '/'), sorted
/// by name. An error, located at `where`, when `bytes` is not a readable zip archive.
engine::Result<std::vector<std::string>> zipEntryNames(const std::string& bytes, const std::string& where);

/// True when an entry of `entries` lies below `folder` ("a/b/": with its trailing '/').
bool holdsFolder(const std::vector<std::string>& entries, const std::string& folder);

}  // namespace cc::wheel
