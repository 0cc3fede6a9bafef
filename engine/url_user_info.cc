#include "engine/url_user_info.h"

namespace cc::engine {
namespace {

// [start, at) of the user information, or at == npos when there is none.
struct UserInfo {
  std::size_t start = 0;
  std::size_t at = std::string_view::npos;
};

UserInfo findUserInfo(std::string_view url) {
  const auto scheme = url.find("://");
  UserInfo u;
  u.start = scheme == std::string_view::npos ? 0 : scheme + 3;
  const std::size_t end = url.find_first_of("/?#", u.start);
  const std::string_view authority = url.substr(u.start, end == std::string_view::npos ? std::string_view::npos : end - u.start);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) u.at = u.start + at;
  return u;
}

}  // namespace

bool hasUserInfo(std::string_view url) { return findUserInfo(url).at != std::string_view::npos; }

std::string withoutUserInfo(std::string_view url) {
  const UserInfo u = findUserInfo(url);
  if (u.at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, u.start)) + "***" + std::string(url.substr(u.at));
}

}  // namespace cc::engine
