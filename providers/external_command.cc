#include "providers/external_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace cc::providers {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
};

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Only async-signal-safe calls between fork and exec: the parent may have other threads.
[[noreturn]] void execChild(char* const* argv, const Pipe& out, const Pipe& err) {
  const int devNull = ::open("/dev/null", O_RDONLY);
  if (devNull >= 0) ::dup2(devNull, 0);
  ::dup2(out.write, 1);
  ::dup2(err.write, 2);
  ::execvp(argv[0], argv);
  ::_exit(127);
}

// Reads both pipes until both close or the deadline passes; true when the deadline passed.
bool drain(int outFd, int errFd, CommandOutput& result, std::chrono::steady_clock::time_point deadline,
           std::size_t maxBytes) {
  pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  char buffer[4096];
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return true;
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      const std::size_t room = maxBytes - std::min(maxBytes, sinks[i]->size());
      sinks[i]->append(buffer, std::min(room, static_cast<std::size_t>(n)));
    }
  }
  return false;
}

}  // namespace

CommandOutput runExternalCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                                 std::size_t maxBytes) {
  CommandOutput result;
  if (argv.empty()) return result;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  Pipe out, err;
  if (!out.open() || !err.open()) return result;
  const pid_t pid = ::fork();
  if (pid == 0) execChild(args.data(), out, err);
  closeFd(out.write);
  closeFd(err.write);
  if (pid < 0) {
    closeFd(out.read);
    closeFd(err.read);
    return result;
  }
  result.timedOut = drain(out.read, err.read, result, std::chrono::steady_clock::now() + timeout, maxBytes);
  if (result.timedOut) ::kill(pid, SIGKILL);
  closeFd(out.read);
  closeFd(err.read);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  // execvp failing in the child exits 127 with nothing printed: the program was not run.
  result.started = !(result.exitCode == 127 && result.out.empty() && result.err.empty());
  return result;
}

std::optional<std::string> findExecutable(const std::string& name, const std::string& searchPath,
                                          std::uintmax_t minBytes) {
  auto executable = [minBytes](const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0 &&
           static_cast<std::uintmax_t>(st.st_size) >= minBytes;
  };
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) return executable(name) ? std::optional(name) : std::nullopt;
  std::size_t start = 0;
  while (start <= searchPath.size()) {
    const auto end = std::min(searchPath.find(':', start), searchPath.size());
    const std::string dir = searchPath.substr(start, end - start);
    // An empty entry would mean the current directory: a credential helper is never taken
    // from wherever the command happens to run.
    if (!dir.empty() && executable(dir + "/" + name)) return dir + "/" + name;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace cc::providers
