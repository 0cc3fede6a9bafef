#include "providers/browser.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace cc::providers {
namespace {

// Sets environment variables for one test and puts the old values back.
class ScopedEnv {
 public:
  void set(const std::string& name, const std::optional<std::string>& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    apply(name, value);
  }
  ~ScopedEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) apply(it->first, it->second);
  }

 private:
  static void apply(const std::string& name, const std::optional<std::string>& value) {
    if (value) ::setenv(name.c_str(), value->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(OpenInBrowser, WithoutADesktopNothingIsStarted) {
  ScopedEnv env;
  env.set("DISPLAY", std::nullopt);
  env.set("WAYLAND_DISPLAY", "");
  EXPECT_FALSE(openInBrowser("https://idp.example.com/authorize"));
}

TEST(OpenInBrowser, XdgOpenGetsTheWholeUrlAsOneArgument) {
  const auto dir = std::filesystem::temp_directory_path() / ("cc-browser-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto seen = dir / "seen";
  {
    std::ofstream script(dir / "xdg-open");
    script << "#!/bin/sh\nprintf '%s' \"$1\" > " << seen.string() << ".tmp && mv " << seen.string() << ".tmp "
           << seen.string() << "\n";
  }
  ::chmod((dir / "xdg-open").c_str(), 0755);
  ScopedEnv env;
  env.set("DISPLAY", ":0");
  env.set("PATH", dir.string() + ":/usr/bin:/bin");
  const std::string url = "https://idp.example.com/authorize?a=1&b=$(touch x)&c='q' \"d\"";
  EXPECT_TRUE(openInBrowser(url));
  // The launcher runs in the background by design; wait (bounded) for what it wrote.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!std::filesystem::exists(seen) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::ifstream in(seen);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_EQ(got.str(), url);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cc::providers
