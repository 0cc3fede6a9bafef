#include "emulator/router.h"

namespace cc::emulator {

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> segments;
  std::string current;
  for (char c : path) {
    if (c == '/') {
      if (!current.empty()) segments.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) segments.push_back(current);
  return segments;
}

void Router::add(const std::string& method, const std::string& pattern, const std::string& family,
                 Handler handler) {
  routes_.push_back(Route{method, splitPath(pattern), family, std::move(handler)});
}

RouteMatch Router::match(HttpRequest& request) const {
  const std::vector<std::string> segments = splitPath(request.path);
  for (const Route& route : routes_) {
    if (route.method != request.method || route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matched = true;
    for (size_t i = 0; i < segments.size() && matched; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        params[want.substr(1, want.size() - 2)] = segments[i];
      } else {
        matched = want == segments[i];
      }
    }
    if (matched) {
      request.params = std::move(params);
      return RouteMatch{&route.handler, route.family};
    }
  }
  return RouteMatch{};
}

}  // namespace cc::emulator
