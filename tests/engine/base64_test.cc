#include "engine/base64.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

// RFC 4648 §10 test vectors, both ways.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},     {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},  {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64Encode(plain), encoded);
    EXPECT_EQ(base64Decode(encoded), std::optional<std::string>(plain));
  }
}

TEST(Base64, BinaryBytesRoundTrip) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  EXPECT_EQ(base64Decode(base64Encode(bytes)), std::optional<std::string>(bytes));
}

TEST(Base64, MalformedTextIsRefused) {
  for (const char* bad : {"Zg=", "Zm9v\n", "Zm!v", "Z===", "Zm 9v"}) EXPECT_FALSE(base64Decode(bad).has_value()) << bad;
}

}  // namespace
}  // namespace cc::engine
