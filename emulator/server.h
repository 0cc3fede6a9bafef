#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "emulator/emulator_options.h"

namespace cc::emulator {

/// The whole emulator: binds 127.0.0.1 (HTTPS, or HTTP with plainHttp), serves the API from a
/// thread pool with keep-alive, applies faults, auth and the request log around every handler.
/// Usable in-process by tests as well as by main.cc.
class Server {
 public:
  explicit Server(EmulatorOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Loads state, prepares TLS, binds and starts serving; returns an error message.
  std::string start();
  void stop();

  /// Lets every request parked by the hold rule go (and clears the rule); returns when they
  /// have been handled, with how many there were.
  uint64_t releaseHeld();

  /// `https://127.0.0.1:PORT` (or http://).
  std::string url() const;
  /// The certificate clients should trust (empty for plain HTTP).
  std::string certificatePath() const;

  struct Impl;  // public only so that the .cc's Poco handler classes can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::emulator
