#include "providers/browser.h"

#include <chrono>
#include <cstdlib>

#include "providers/external_command.h"

namespace cc::providers {
namespace {

bool hasDesktop() {
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return true;
  }
  return false;
}

}  // namespace

bool openInBrowser(const std::string& url) {
  if (!hasDesktop()) return false;
  const char* path = std::getenv("PATH");
  if (!findExecutable("xdg-open", path != nullptr ? path : "")) return false;
  // xdg-open may run the browser in the foreground, and a browser keeps our pipes open: start
  // it in the background with its output elsewhere so the shell returns at once and the
  // deadline never kills the browser. The URL is an argument ("$1"), never shell text.
  const auto result = runExternalCommand(
      {"sh", "-c", "xdg-open \"$1\" </dev/null >/dev/null 2>&1 &", "sh", url}, std::chrono::seconds(3));
  return result.started && !result.timedOut && result.exitCode == 0;
}

}  // namespace cc::providers
