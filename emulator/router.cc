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

Handler withState(WorkspaceState& state, StateHandler fn) {
  return [&state, fn](HttpRequest& request) { return fn(request, state); };
}

void Router::add(const std::string& method, const std::string& pattern, const std::string& family,
                 Handler handler) {
  routes_.push_back(Route{method, splitPath(pattern), family, std::move(handler)});
}

namespace {

bool isCapture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool isRestCapture(const std::string& segment) {
  return isCapture(segment) && segment.size() > 5 && segment.compare(segment.size() - 4, 4, "...}") == 0;
}

// Fills `params` when `segments` fit the route's pattern.
bool matchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>& params) {
  const bool rest = !pattern.empty() && isRestCapture(pattern.back());
  if (rest ? segments.size() < pattern.size() : segments.size() != pattern.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& want = pattern[i];
    if (rest && i + 1 == pattern.size()) {
      std::string joined;
      for (size_t j = i; j < segments.size(); ++j) joined += (j == i ? "" : "/") + segments[j];
      params[want.substr(1, want.size() - 5)] = joined;
    } else if (isCapture(want)) {
      params[want.substr(1, want.size() - 2)] = segments[i];
    } else if (want != segments[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

RouteMatch Router::match(HttpRequest& request) const {
  const std::vector<std::string> segments = splitPath(request.path);
  for (const Route& route : routes_) {
    if (route.method != request.method) continue;
    std::map<std::string, std::string> params;
    if (matchSegments(route.segments, segments, params)) {
      request.params = std::move(params);
      return RouteMatch{&route.handler, route.family};
    }
  }
  return RouteMatch{};
}

}  // namespace cc::emulator
