#include "engine/url_user_info.h"

#include <gtest/gtest.h>

namespace cc::engine {
namespace {

TEST(UrlUserInfo, FoundInTheAuthorityOnlyAndMaskedWhenShown) {
  EXPECT_TRUE(hasUserInfo("https://admin:pw@host.net/x"));
  EXPECT_TRUE(hasUserInfo("admin:pw@host.net"));
  EXPECT_FALSE(hasUserInfo("https://host.net/a@b"));
  EXPECT_FALSE(hasUserInfo("https://host.net?x=a@b"));
  EXPECT_EQ(withoutUserInfo("https://admin:pw@host.net/x"), "https://***@host.net/x");
  EXPECT_EQ(withoutUserInfo("https://host.net/a@b"), "https://host.net/a@b");
}

}  // namespace
}  // namespace cc::engine
