#pragma once

#include <optional>
#include <string>

namespace cc::emulator {

/// Standard base64 with padding.
std::string base64Encode(const std::string& bytes);

/// Standard base64 (padding optional, whitespace ignored); nullopt when malformed.
std::optional<std::string> base64Decode(const std::string& text);

/// Unpadded base64url, for JWT-shaped tokens.
std::string base64UrlEncode(const std::string& bytes);

}  // namespace cc::emulator
