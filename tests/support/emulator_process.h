#pragma once
// EmulatorProcess: runs the `workspace-emulator` binary for a test, header-only.
//
//   cc::test_support::EmulatorProcess emulator(CC_EMULATOR_BINARY, {"--fault-at", "3:503"});
//   ASSERT_TRUE(emulator.ok()) << emulator.error();
//   emulator.url();        // "https://127.0.0.1:PORT"
//   emulator.caFile();     // certificate to trust (e.g. setenv("SSL_CERT_FILE", ...))
//   emulator.token();      // "dapi-emulator-token" (acts as alice@example.com)
//   emulator.kill();       // SIGKILL, no chance to flush anything
//   emulator.restart();    // same args, same --state file, same certificate, same port
//
// Holds (`--hold REGEX`, `--hold-from N`): the emulator parks matching requests and prints
// `held N METHOD PATH`; waitForHeld() blocks until such a line arrives, releaseHeld() lets
// every parked request go and returns once they have been handled. A test thereby knows a
// client is blocked at an exact point, whatever the relative speed of the processes.
//
// Every instance gets its own temporary directory holding the TLS certificate (tls/), the
// state file (state.json) and the request log (requests.jsonl); it is removed by the
// destructor, which also stops the process. Extra args are appended after the defaults
// (`--port 0 --tls-dir DIR/tls --state DIR/state.json --request-log DIR/requests.jsonl`).

#include <algorithm>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace cc::test_support {

/// A running workspace-emulator child process bound to 127.0.0.1 on a free port.
class EmulatorProcess {
 public:
  /// Among the extra arguments: run without --state (nothing survives restart()).
  static constexpr const char* kNoStateFile = "--no-state-file";

  EmulatorProcess(std::string binary, std::vector<std::string> extraArgs = {})
      : binary_(std::move(binary)), extraArgs_(std::move(extraArgs)) {
    char pattern[] = "/tmp/cc-emulator-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
      error_ = "cannot create a temporary directory";
      return;
    }
    dir_ = pattern;
    launch(0);
  }

  ~EmulatorProcess() {
    stop();
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }

  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  bool ok() const { return error_.empty() && pid_ > 0; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string host() const { return "127.0.0.1"; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  const std::string& caFile() const { return caFile_; }
  const std::string& token() const { return token_; }
  std::string user() const { return user_; }
  std::string dir() const { return dir_; }
  std::string statePath() const { return dir_ + "/state.json"; }
  std::string requestLogPath() const { return dir_ + "/requests.jsonl"; }

  /// Blocks until the emulator parks a request (a `held N METHOD PATH` line); returns
  /// "N METHOD PATH", or "" when none came within `timeoutMs` or the emulator ended.
  std::string waitForHeld(int timeoutMs = 120000) {
    for (std::string line; readLine(line, timeoutMs);)
      if (line.rfind("held ", 0) == 0) return line.substr(5);
    return "";
  }

  /// As waitForHeld(), but gives up (returning "") once `ended()` says the client that was to
  /// reach the hold has ended without reaching it.
  std::string waitForHeldUnless(const std::function<bool()>& ended) {
    for (;;) {
      if (std::string held = waitForHeld(50); !held.empty()) return held;
      if (ended()) return waitForHeld(0);
    }
  }

  /// Lets every parked request go (SIGUSR1) and clears the hold rule; returns once the
  /// emulator handled them (its `released N` line), false if that line never came.
  bool releaseHeld(int timeoutMs = 120000) {
    if (pid_ <= 0) return false;
    ::kill(pid_, SIGUSR1);
    for (std::string line; readLine(line, timeoutMs);)
      if (line.rfind("released ", 0) == 0) return true;
    return false;
  }

  /// SIGKILL and reap: simulates a crash (state already persisted stays).
  void kill() { signalAndReap(SIGKILL); }

  /// SIGTERM and reap.
  void stop() { signalAndReap(SIGTERM); }

  /// Starts again after kill()/stop() (or kills first) with the same state, certificate and,
  /// when `samePort`, the same port. Returns ok().
  bool restart(bool samePort = true) {
    if (pid_ > 0) kill();
    error_.clear();
    launch(samePort ? port_ : 0);
    return ok();
  }

  /// restart() on the same port with other extra arguments (e.g. without the --hold-from that
  /// stopped a client).
  bool restartWith(std::vector<std::string> extraArgs) {
    extraArgs_ = std::move(extraArgs);
    return restart(true);
  }

 private:
  void signalAndReap(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (stdoutFd_ >= 0) {
      ::close(stdoutFd_);
      stdoutFd_ = -1;
    }
    pending_.clear();
  }

  void launch(int port) {
    std::vector<std::string> args = {binary_, "--port", std::to_string(port), "--tls-dir", dir_ + "/tls",
                                     "--request-log", requestLogPath()};
    // Persisting rewrites the whole state on every change: right for crash tests, but at a
    // thousand resources it is the emulator's own cost that a benchmark would measure.
    const bool persist = std::find(extraArgs_.begin(), extraArgs_.end(), kNoStateFile) == extraArgs_.end();
    if (persist) args.insert(args.end(), {"--state", statePath()});
    for (const auto& a : extraArgs_)
      if (a != kNoStateFile) args.push_back(a);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {  // the read end must not leak into CLI children
      error_ = "cannot create a pipe";
      return;
    }
    pid_ = ::fork();
    if (pid_ < 0) {
      error_ = "cannot fork";
      return;
    }
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      std::perror("execv workspace-emulator");
      ::_exit(127);
    }
    ::close(fds[1]);
    stdoutFd_ = fds[0];
    // Reads the banner up to `ready`; EOF first means the emulator failed (its stderr says why).
    bool ready = false;
    for (std::string text; !ready && readLine(text, 60000);) {
      auto value = [&text](const std::string& key) { return text.substr(key.size()); };
      if (text.rfind("listening on ", 0) == 0) {
        port_ = std::atoi(text.substr(text.rfind(':') + 1).c_str());
      } else if (text.rfind("tls-cert: ", 0) == 0) {
        caFile_ = value("tls-cert: ");
      } else if (text.rfind("token: ", 0) == 0 && text.find('(') == std::string::npos) {
        token_ = value("token: ");
      } else if (text.rfind("user: ", 0) == 0) {
        user_ = value("user: ");
      } else if (text == "ready") {
        ready = true;
      }
    }
    if (!ready || port_ <= 0) {
      error_ = "workspace-emulator exited before it was ready (see its stderr)";
      signalAndReap(SIGKILL);
    }
  }

  std::string binary_;
  std::vector<std::string> extraArgs_;
  std::string dir_;
  std::string error_;
  std::string caFile_;
  std::string token_;
  std::string user_;
  /// The next stdout line (without its end), waiting at most `timeoutMs` for each chunk.
  bool readLine(std::string& line, int timeoutMs) {
    while (pending_.find('\n') == std::string::npos) {
      if (stdoutFd_ < 0) return false;
      pollfd p{stdoutFd_, POLLIN, 0};
      if (::poll(&p, 1, timeoutMs) <= 0) return false;
      char chunk[4096];
      const ssize_t n = ::read(stdoutFd_, chunk, sizeof chunk);
      if (n <= 0) return false;
      pending_.append(chunk, static_cast<std::size_t>(n));
    }
    const std::size_t end = pending_.find('\n');
    line = pending_.substr(0, end);
    pending_.erase(0, end + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

  int stdoutFd_ = -1;
  std::string pending_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace cc::test_support
