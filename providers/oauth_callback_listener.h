#pragma once
// The loopback end of the OAuth redirect (RFC 8252 §7.3): an HTTP listener on 127.0.0.1 that
// waits for the browser to come back from the identity provider with `code` or `error`.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "engine/result.h"
#include "engine/secret.h"

namespace cc::providers {

class OAuthCallbackListener {
 public:
  /// Binds 127.0.0.1:`port` (0: a free port the system picks) and serves at once, so the URL
  /// naming the bound port can be shown with no race against the browser. Only a callback
  /// carrying `expectedState` can succeed; hits with neither `code` nor `error` (a favicon, a
  /// reload of the bare path) are answered and ignored.
  static engine::Result<std::unique_ptr<OAuthCallbackListener>> start(std::uint16_t port, std::string expectedState);
  ~OAuthCallbackListener();
  OAuthCallbackListener(const OAuthCallbackListener&) = delete;
  OAuthCallbackListener& operator=(const OAuthCallbackListener&) = delete;

  std::uint16_t port() const;
  /// http://127.0.0.1:<port>/callback
  std::string redirectUri() const;

  /// The authorization code of the first decisive callback, or why there is none: the IdP's
  /// error, a state mismatch, or nothing within `timeout`.
  engine::Result<engine::Secret> waitForCode(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  explicit OAuthCallbackListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::providers
