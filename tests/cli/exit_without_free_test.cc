#include "cli/exit_without_free.h"

#include <gtest/gtest.h>

#include <memory>

namespace cc::cli {
namespace {

// Counts destructions through a shared counter that outlives the value.
struct Tracked {
  std::shared_ptr<int> destroyed;
  explicit Tracked(std::shared_ptr<int> counter) : destroyed(std::move(counter)) {}
  Tracked(Tracked&& other) noexcept : destroyed(std::move(other.destroyed)) {}
  ~Tracked() {
    if (destroyed) ++*destroyed;
  }
};

TEST(ExitWithoutFree, OffTheOwnerDestroysTheValue) {
  setExitWithoutFree(false);
  auto destroyed = std::make_shared<int>(0);
  {
    Tracked value(destroyed);
    keepUntilExit(std::move(value));
  }
  EXPECT_EQ(*destroyed, 1);
}

TEST(ExitWithoutFree, OnTheValueOutlivesItsOwner) {
  setExitWithoutFree(true);
  auto destroyed = std::make_shared<int>(0);
  {
    Tracked value(destroyed);
    keepUntilExit(std::move(value));
  }
  setExitWithoutFree(false);
  EXPECT_EQ(*destroyed, 0);
  EXPECT_EQ(destroyed.use_count(), 2);  // the kept value still holds the counter
}

}  // namespace
}  // namespace cc::cli
