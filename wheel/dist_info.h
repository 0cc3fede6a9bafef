#pragma once
// The three files of a wheel's `.dist-info` folder: METADATA (core metadata 2.1), WHEEL (the
// wheel format's own metadata) and RECORD (PEP 376: every file with its digest and size).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cc::wheel {

/// METADATA: Metadata-Version 2.1, Name, Version and, when not empty, Summary. The name and
/// version are checked by the caller; `summary` must be one line.
std::string metadataText(std::string_view name, std::string_view version, std::string_view summary);

/// WHEEL of a pure-Python wheel (Root-Is-Purelib true, tag py3-none-any).
std::string wheelText();

/// "sha256=" and the URL-safe base64 of the SHA-256 of `bytes`, without '=' padding: the hash
/// column of RECORD.
std::string recordHash(std::string_view bytes);

/// One file of the wheel as RECORD lists it.
struct RecordEntry {
  std::string path;  // '/'-separated, relative to the wheel's root
  std::string hash;  // recordHash(content)
  std::uint64_t size = 0;
};

/// RECORD: one CSV line per entry in the given order, then RECORD's own line
/// (`recordPath`, empty hash, empty size). Fields that need it are quoted.
std::string recordText(const std::vector<RecordEntry>& entries, std::string_view recordPath);

}  // namespace cc::wheel
