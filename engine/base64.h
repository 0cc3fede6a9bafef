#pragma once
// Standard base64 (RFC 4648 §4, padded): how binary package files travel inside plan files,
// which are JSON and so must hold valid UTF-8.

#include <optional>
#include <string>
#include <string_view>

namespace cc::engine {

std::string base64Encode(std::string_view bytes);

/// nullopt for anything but canonical padded base64 (no whitespace, no stray characters).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace cc::engine
