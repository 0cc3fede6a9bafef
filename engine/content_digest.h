#pragma once
// SHA-256 digests as lower-case hex: ingest file contents, manifest identity in plan files.

#include <string>
#include <string_view>

namespace cc::engine {

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

}  // namespace cc::engine
