#pragma once

#include <string>

namespace cc::emulator {

/// Paths of the certificate and key the server presents.
struct TlsFiles {
  std::string cert;
  std::string key;
};

/// Reuses DIR/cert.pem + DIR/key.pem when both exist (so a restarted emulator keeps the
/// certificate clients trust), else writes a fresh self-signed P-256 certificate for
/// `localhost` and `127.0.0.1` there. Returns an error message, empty on success.
std::string ensureSelfSignedCertificate(const std::string& dir, TlsFiles& files);

}  // namespace cc::emulator
