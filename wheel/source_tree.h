#pragma once
// The files of a local source folder that go into a wheel: what is skipped, what is refused,
// and the limits that keep a hostile folder from exhausting memory.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/result.h"

namespace cc::wheel {

/// Bounds on one source folder. Every file is read into memory to be hashed and compressed.
struct SourceLimits {
  std::size_t maxFiles = 10'000;
  std::uintmax_t maxTotalBytes = std::uintmax_t{100} << 20;  // 100 MiB
};

/// One file found, with its content.
struct SourceFile {
  std::string relativePath;  // '/'-separated, relative to the folder
  std::string content;
};

/// Every regular file below `root`, sorted by relative path (byte order), read into memory.
/// Skipped: hidden files and folders (a name starting with '.'), `__pycache__` folders and
/// compiled `*.pyc` / `*.pyo` files. A symbolic link to a file inside `root` is read through;
/// one that points outside `root`, dangles or names a folder is an error, as are names with
/// control characters or backslashes and a folder over the limits. Errors name the path.
engine::Result<std::vector<SourceFile>> readSourceTree(const std::filesystem::path& root,
                                                       const SourceLimits& limits = {});

}  // namespace cc::wheel
