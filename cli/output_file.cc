#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace cc::cli {
namespace {

namespace fs = std::filesystem;

bool writeAll(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string reason() { return std::strerror(errno); }

// Whether `path` names the same file as one of `inputs` (hard links, symlinks, ./ spellings).
bool isInput(const fs::path& path, const std::vector<std::string>& inputs) {
  std::error_code ec;
  for (const std::string& input : inputs) {
    if (input.empty() || input == "-") continue;
    if (fs::equivalent(path, input, ec)) return true;
  }
  return false;
}

// A device, FIFO or socket: written in place (rename would replace /dev/null with a file).
OutputFileError writeInPlace(const fs::path& path, const std::string& text, const std::string& what) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0 || !writeAll(fd, text)) {
    OutputFileError e{"cannot write " + what + " to " + path.string() + ": " + reason(), "check that it is writable"};
    if (fd >= 0) ::close(fd);
    return e;
  }
  if (::close(fd) != 0) return {"cannot write " + what + " to " + path.string() + ": " + reason(), "check the device"};
  return {};
}

// A regular file: temporary sibling (mkstemp), synced, renamed over the target.
OutputFileError replaceAtomically(const fs::path& target, const std::string& text, const std::string& what) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Built by appending: GCC 12 at -O3 misreads `"." + string` as an overlapping copy (-Wrestrict).
  std::string name = ".";
  name += target.filename().string();
  name += ".XXXXXX";
  std::string pattern = (dir / name).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    return {"cannot write " + what + " to " + target.string() + ": " + reason(),
            "check that the folder " + dir.string() + " exists and is writable"};
  }
  struct stat existing {};
  const mode_t mode = ::stat(target.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
  const bool written = ::fchmod(fd, mode) == 0 && writeAll(fd, text) && ::fsync(fd) == 0;
  const std::string failure = written ? "" : reason();
  if (::close(fd) != 0 || !written || std::rename(pattern.c_str(), target.c_str()) != 0) {
    const std::string why = failure.empty() ? reason() : failure;
    ::unlink(pattern.c_str());
    return {"cannot write " + what + " to " + target.string() + ": " + why, "check the folder's space and permissions"};
  }
  return {};
}

}  // namespace

OutputFileError writeOutputFile(const std::string& path, const std::string& text, const std::vector<std::string>& inputs,
                                const std::string& what, std::ostream& standardOutput) {
  if (path == "-") {
    standardOutput << text;
    standardOutput.flush();
    return {};
  }
  if (isInput(path, inputs)) {
    return {"refusing to write " + what + " to " + path + ": it is an input of this command (the manifest or a file it names)",
            "choose another file name, e.g. plan.json"};
  }
  std::error_code ec;
  fs::path target = path;
  // Follow links one hop at a time: a link to a file not yet made (a dangling link) is
  // written through too, which canonical() would refuse.
  for (int hops = 0; fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    const fs::path next = fs::read_symlink(target, ec);
    if (ec || hops == 40) return {"cannot write " + what + " to " + path + ": cannot resolve the link", "check where it points"};
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && fs::is_directory(status)) {
    return {"cannot write " + what + " to " + path + ": it is a folder", "name a file, e.g. " + path + "/plan.json"};
  }
  if (fs::exists(status) && !fs::is_regular_file(status)) return writeInPlace(target, text, what);
  return replaceAtomically(target, text, what);
}

}  // namespace cc::cli
