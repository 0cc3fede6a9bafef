#include "cli/hand_over.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "cli/exit_code.h"

namespace cc::cli {
namespace {

// Beside this binary, not on PATH: a community-connector runs its own workspace binary.
std::string workspaceBinaryPath() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return CC_WORKSPACE_BINARY;
  return (self.parent_path() / CC_WORKSPACE_BINARY).lexically_normal().string();
}

}  // namespace

int handOverToWorkspaceBinary(const char* const* argv, Console& console) {
  const std::string path = workspaceBinaryPath();
  console.out.flush();
  console.err.flush();
  execv(path.c_str(), const_cast<char* const*>(argv));
  const int error = errno;
  console.err << "error: cannot start " << path << ": " << std::strerror(error)
              << " (it is part of community-connector: reinstall it)\n";
  return toInt(ExitCode::Error);
}

}  // namespace cc::cli
