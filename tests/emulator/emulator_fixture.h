#pragma once
// One emulator per test suite, reset before each test.

#include <gtest/gtest.h>

#include "emulator/test_client.h"

namespace cc::emulator::test {

class EmulatorFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = new test_support::EmulatorProcess(CC_EMULATOR_BINARY); }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(emulator_->ok()) << emulator_->error();
    client_ = std::make_unique<TestClient>(*emulator_);
    ASSERT_EQ(client_->send("POST", "/__emulator/reset", "").status, 200);
  }

  static inline test_support::EmulatorProcess* emulator_ = nullptr;
  std::unique_ptr<TestClient> client_;
};

}  // namespace cc::emulator::test
