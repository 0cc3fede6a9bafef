#include "engine/secret.h"

namespace cc::engine {

bool Secret::sameValueAs(const Secret& other) const {
  const std::string& a = value_;
  const std::string& b = other.value_;
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace cc::engine
