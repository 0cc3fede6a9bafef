#include "engine/secret.h"

#include <gtest/gtest.h>

#include <sstream>
#include <type_traits>

namespace cc::engine {
namespace {

template <typename T, typename = void>
struct Streamable : std::false_type {};
template <typename T>
struct Streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

TEST(Secret, CannotBeStreamedOrConvertedToAString) {
  static_assert(!Streamable<Secret>::value, "a Secret must not be streamable");
  static_assert(!std::is_convertible_v<Secret, std::string>, "a Secret must not convert to std::string");
  SUCCEED();
}

TEST(Secret, PrintsMaskedAndKeepsItsSource) {
  Secret s("hunter2", "${env.TOKEN}");
  EXPECT_STREQ(s.masked(), "(sensitive)");
  EXPECT_EQ(s.source(), "${env.TOKEN}");
  EXPECT_EQ(s.revealForRequest(), "hunter2");
  EXPECT_TRUE(s.sameValueAs(Secret("hunter2", "other")));
  EXPECT_FALSE(s.sameValueAs(Secret("hunter3", "${env.TOKEN}")));
  EXPECT_FALSE(s.sameValueAs(Secret("hunter", "${env.TOKEN}")));
}

}  // namespace
}  // namespace cc::engine
