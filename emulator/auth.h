#pragma once

#include <optional>

#include "emulator/http_message.h"

namespace cc::emulator {

class WorkspaceState;

/// Checks `Authorization: Bearer` against the `--token` list and unexpired OAuth tokens;
/// answers as the real API does: 401 with a numeric error_code when no usable credential was
/// sent, 403 "Invalid access token." for an unknown or expired one.
class Authenticator {
 public:
  explicit Authenticator(WorkspaceState& state) : state_(state) {}

  /// Sets request.caller on success, else returns the error response.
  std::optional<HttpResponse> authenticate(HttpRequest& request) const;

  /// Paths that need no credential: OIDC discovery, the token endpoint, control endpoints.
  static bool isPublicPath(const std::string& path);

 private:
  WorkspaceState& state_;
};

}  // namespace cc::emulator
