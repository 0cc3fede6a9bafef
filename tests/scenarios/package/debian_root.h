#pragma once
// A minimal Debian root made from this machine's installed packages, to install a .deb into
// with `dpkg --root` and run it there under chroot: it holds the files of the given packages
// and nothing else, and its dpkg database lists exactly them (so dpkg checks the .deb's
// Depends against them). No base image is downloaded: the packages come from this Debian 12
// system, as a container image's would come from the Debian 12 archive.

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "debian_tools.h"

namespace cc::package_test {

/// Copies one file or symlink of the host into `root` at the same path (a directory is made,
/// not copied: its other entries belong to other packages).
inline void copyIntoRoot(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || fs::is_directory(status)) return;
  const fs::path target = root / path.relative_path();
  fs::create_directories(target.parent_path(), ec);
  if (fs::exists(fs::symlink_status(target, ec))) return;  // listed twice (/lib and /usr/lib)
  if (fs::is_symlink(status)) {
    fs::copy_symlink(path, target, ec);
  } else if (fs::is_regular_file(status)) {
    fs::copy_file(path, target, ec);
  }
}

/// Builds the root: Debian 12's merged-/usr layout, the packages' files, their dpkg records.
/// Returns an empty string or what went wrong.
inline std::string makeDebianRoot(const fs::path& root, const std::set<std::string>& packages) {
  fs::create_directories(root / "usr");
  // As in a debian:12 image: /bin, /lib, /lib64 and /sbin are links into /usr.
  for (const char* dir : {"bin", "lib", "lib64", "sbin"}) {
    fs::create_directories(root / "usr" / dir);
    fs::create_symlink(std::string("usr/") + dir, root / dir);
  }
  for (const char* dir : {"etc", "proc", "dev", "work", "var/lib/dpkg/info", "var/lib/dpkg/updates",
                          "var/lib/dpkg/triggers"}) {
    fs::create_directories(root / dir);
  }
  fs::create_directories(root / "tmp");
  fs::permissions(root / "tmp", fs::perms::all | fs::perms::sticky_bit);
  std::ofstream status(root / "var/lib/dpkg/status");
  for (const auto& package : packages) {
    const auto files = runTool("dpkg-query", {"-L", package});
    const auto record = runTool("dpkg-query", {"-s", package});
    if (files.exit != 0 || record.exit != 0) return "dpkg-query cannot list " + package + ": " + files.err;
    for (const auto& path : lines(files.out)) copyIntoRoot(root, path);
    status << trim(record.out) << "\n\n";
  }
  std::ofstream(root / "var/lib/dpkg/available");
  return "";
}

}  // namespace cc::package_test
