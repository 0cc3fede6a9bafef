#include "emulator/page_token.h"

#include "emulator/base64.h"

namespace cc::emulator {

std::string encodePageToken(const PageCursor& cursor) {
  return base64UrlEncode(std::string(cursor.emptyPageServed ? "e" : "o") + ":" +
                         std::to_string(cursor.offset));
}

std::optional<PageCursor> decodePageToken(const std::string& token) {
  auto text = base64Decode(token);
  if (!text || text->size() < 3 || (*text)[1] != ':' || ((*text)[0] != 'o' && (*text)[0] != 'e')) {
    return std::nullopt;
  }
  const std::string digits = text->substr(2);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
      digits.size() > 12) {
    return std::nullopt;
  }
  return PageCursor{static_cast<size_t>(std::stoull(digits)), (*text)[0] == 'e'};
}

std::optional<PageCursor> pageCursorFromQuery(const HttpRequest& request, const std::string& name) {
  auto token = request.queryValue(name);
  if (!token || token->empty()) return PageCursor{};
  return decodePageToken(*token);
}

}  // namespace cc::emulator
