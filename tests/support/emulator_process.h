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
// Every instance gets its own temporary directory holding the TLS certificate (tls/), the
// state file (state.json) and the request log (requests.jsonl); it is removed by the
// destructor, which also stops the process. Extra args are appended after the defaults
// (`--port 0 --tls-dir DIR/tls --state DIR/state.json --request-log DIR/requests.jsonl`).

#include <algorithm>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace cc::test_support {

/// A running workspace-emulator child process bound to 127.0.0.1 on a free port.
class EmulatorProcess {
 public:
  /// Among the extra arguments: run without --state (nothing survives restart()).
  static constexpr const char* kNoStateFile = "--no-state-file";

  EmulatorProcess(std::string binary, std::vector<std::string> extra_args = {})
      : binary_(std::move(binary)), extra_args_(std::move(extra_args)) {
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
  const std::string& caFile() const { return ca_file_; }
  const std::string& token() const { return token_; }
  std::string user() const { return user_; }
  std::string dir() const { return dir_; }
  std::string statePath() const { return dir_ + "/state.json"; }
  std::string requestLogPath() const { return dir_ + "/requests.jsonl"; }

  /// SIGKILL and reap: simulates a crash (state already persisted stays).
  void kill() { signalAndReap(SIGKILL); }

  /// SIGTERM and reap.
  void stop() { signalAndReap(SIGTERM); }

  /// Starts again after kill()/stop() (or kills first) with the same state, certificate and,
  /// when `same_port`, the same port. Returns ok().
  bool restart(bool same_port = true) {
    if (pid_ > 0) kill();
    error_.clear();
    launch(same_port ? port_ : 0);
    return ok();
  }

 private:
  void signalAndReap(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (stdout_ != nullptr) {
      std::fclose(stdout_);
      stdout_ = nullptr;
    }
  }

  void launch(int port) {
    std::vector<std::string> args = {binary_, "--port", std::to_string(port), "--tls-dir", dir_ + "/tls",
                                     "--request-log", requestLogPath()};
    // Persisting rewrites the whole state on every change: right for crash tests, but at a
    // thousand resources it is the emulator's own cost that a benchmark would measure.
    const bool persist = std::find(extra_args_.begin(), extra_args_.end(), kNoStateFile) == extra_args_.end();
    if (persist) args.insert(args.end(), {"--state", statePath()});
    for (const auto& a : extra_args_)
      if (a != kNoStateFile) args.push_back(a);
    int fds[2];
    if (::pipe(fds) != 0) {
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
    stdout_ = ::fdopen(fds[0], "r");
    // Reads the banner up to `ready`; EOF first means the emulator failed (its stderr says why).
    char line[4096];
    bool ready = false;
    while (!ready && std::fgets(line, sizeof line, stdout_) != nullptr) {
      std::string text(line);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      auto value = [&text](const std::string& key) { return text.substr(key.size()); };
      if (text.rfind("listening on ", 0) == 0) {
        port_ = std::atoi(text.substr(text.rfind(':') + 1).c_str());
      } else if (text.rfind("tls-cert: ", 0) == 0) {
        ca_file_ = value("tls-cert: ");
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
  std::vector<std::string> extra_args_;
  std::string dir_;
  std::string error_;
  std::string ca_file_;
  std::string token_;
  std::string user_;
  FILE* stdout_ = nullptr;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace cc::test_support
