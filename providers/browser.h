#pragma once
// Opening a URL in the user's browser, where there is a desktop to open it on.

#include <string>

namespace cc::providers {

/// Hands `url` to xdg-open when DISPLAY or WAYLAND_DISPLAY is set, and returns at once
/// (within a short deadline) whatever the browser does; true when the launcher was started.
/// On a headless machine it does nothing and returns false: the printed URL is the way.
bool openInBrowser(const std::string& url);

}  // namespace cc::providers
