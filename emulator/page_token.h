#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "emulator/http_message.h"

namespace cc::emulator {

/// An opaque page token: the offset of the next item in a listing's stable order, and whether
/// the emulator already served its deliberate empty page (`--empty-pages`).
struct PageCursor {
  size_t offset = 0;
  bool emptyPageServed = false;
};

std::string encodePageToken(const PageCursor& cursor);

/// nullopt when the token was not issued by this emulator.
std::optional<PageCursor> decodePageToken(const std::string& token);

/// The cursor in query parameter `name`: the first page when absent or empty, nullopt when the
/// token was not issued by this emulator.
std::optional<PageCursor> pageCursorFromQuery(const HttpRequest& request, const std::string& name);

}  // namespace cc::emulator
