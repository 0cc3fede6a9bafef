#pragma once
// Hex digests the emulator shows: made-up commit ids (SHA-1) and the request log's digest of a
// raw upload (SHA-256).

#include <string>
#include <string_view>

namespace cc::emulator {

/// Lower-case hex SHA-1 of `bytes`.
std::string sha1Hex(std::string_view bytes);
/// Lower-case hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

}  // namespace cc::emulator
