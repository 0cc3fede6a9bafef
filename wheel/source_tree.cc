#include "wheel/source_tree.h"

#include <algorithm>
#include <fstream>

namespace cc::wheel {
namespace {

namespace fs = std::filesystem;
using Files = std::vector<SourceFile>;

engine::Result<Files> refuse(const fs::path& where, std::string summary, std::string detail = {}) {
  return engine::Result<Files>::failure(std::move(summary), engine::SourceRange{where.string()},
                                        std::move(detail));
}

// Editor and VCS litter (.git, .venv, .DS_Store) and Python's byte-code caches are not source:
// leaving them in would make the wheel depend on what the machine happened to run.
bool skipped(const std::string& name, bool isFolder) {
  if (name.starts_with('.')) return true;
  if (isFolder) return name == "__pycache__";
  return name.ends_with(".pyc") || name.ends_with(".pyo");
}

bool inside(const fs::path& canonicalRoot, const fs::path& canonicalTarget) {
  const auto [r, t] = std::mismatch(canonicalRoot.begin(), canonicalRoot.end(),
                                    canonicalTarget.begin(), canonicalTarget.end());
  return r == canonicalRoot.end();
}

// A zip entry name is '/'-separated; a backslash or a control character would be read
// differently by other tools (or break RECORD's lines).
bool portableName(const std::string& relative) {
  return std::none_of(relative.begin(), relative.end(), [](char c) {
    return c == '\\' || (static_cast<unsigned char>(c) < 0x20) || c == 0x7f;
  });
}

enum class ReadOutcome { Read, TooLarge, Unreadable };

// Reads at most `cap` bytes, in chunks, so that a file larger than the budget (or one growing
// while it is read) costs no more memory than the budget.
ReadOutcome readCapped(const fs::path& file, std::uintmax_t cap, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ReadOutcome::Unreadable;
  std::string buffer(64 * 1024, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (out.size() > cap) return ReadOutcome::TooLarge;
  }
  return in.eof() ? ReadOutcome::Read : ReadOutcome::Unreadable;
}

// The file a directory entry stands for: itself, or a symbolic link's target inside the root.
engine::Result<fs::path> resolveEntry(const fs::directory_entry& entry, const fs::path& root) {
  if (!entry.is_symlink()) return entry.path();
  std::error_code ec;
  const fs::path target = fs::canonical(entry.path(), ec);
  if (ec) {
    return engine::Result<fs::path>::failure("symbolic link leads nowhere",
                                             engine::SourceRange{entry.path().string()});
  }
  if (!inside(root, target)) {
    return engine::Result<fs::path>::failure(
        "symbolic link points outside the source folder", engine::SourceRange{entry.path().string()},
        "it leads to " + target.string() + "; copy the file into the folder instead");
  }
  return target;
}

}  // namespace

engine::Result<Files> readSourceTree(const fs::path& root, const SourceLimits& limits) {
  std::error_code ec;
  const fs::path canonicalRoot = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonicalRoot)) return refuse(root, "source folder not found");
  Files files;
  std::uintmax_t total = 0;
  try {
    for (auto it = fs::recursive_directory_iterator(canonicalRoot); it != fs::recursive_directory_iterator(); ++it) {
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      const bool folder = !entry.is_symlink() && entry.is_directory();
      if (skipped(name, folder)) {
        if (folder) it.disable_recursion_pending();
        continue;
      }
      if (folder) continue;
      auto file = resolveEntry(entry, canonicalRoot);
      if (!file) return file.diagnostics();
      if (fs::is_directory(*file)) {
        return refuse(entry.path(), "symbolic link to a folder", "wheels are built from files; replace the link by the folder itself");
      }
      if (!fs::is_regular_file(*file)) return refuse(entry.path(), "not a regular file");
      const std::string relative = entry.path().lexically_relative(canonicalRoot).generic_string();
      if (!portableName(relative)) return refuse(entry.path(), "file name with a backslash or a control character");
      if (files.size() >= limits.maxFiles) {
        return refuse(root, "source folder has more than " + std::to_string(limits.maxFiles) + " files",
                      "a connector's source is far smaller; point the wheel at the package folder itself");
      }
      SourceFile source{relative, {}};
      const ReadOutcome read = readCapped(*file, limits.maxTotalBytes - total, source.content);
      if (read == ReadOutcome::Unreadable) return refuse(entry.path(), "cannot read the file");
      if (read == ReadOutcome::TooLarge) {
        return refuse(root, "source folder holds more than " + std::to_string(limits.maxTotalBytes) + " bytes",
                      "a connector's source is far smaller; point the wheel at the package folder itself");
      }
      total += source.content.size();
      files.push_back(std::move(source));
    }
  } catch (const fs::filesystem_error& e) {
    return refuse(e.path1().empty() ? root : e.path1(), "cannot read the source folder", e.code().message());
  }
  std::sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) { return a.relativePath < b.relativePath; });
  return files;
}

}  // namespace cc::wheel
