#pragma once

#include <functional>
#include <string>
#include <vector>

#include "emulator/http_message.h"

namespace cc::emulator {

class WorkspaceState;

using Handler = std::function<HttpResponse(HttpRequest&)>;

/// A handler of the workspace's API: it works on the workspace state.
using StateHandler = HttpResponse (*)(HttpRequest&, WorkspaceState&);

/// `fn` bound to `state`, to register with Router::add.
Handler withState(WorkspaceState& state, StateHandler fn);

/// Result of matching a request: the handler (null when no route matches) and its API family.
struct RouteMatch {
  const Handler* handler = nullptr;
  std::string family;
};

/// Maps method + path pattern (`/api/2.0/repos/{repo_id}`) to a handler. Routes are tried in
/// registration order; a `{name}` segment matches one non-empty path segment, and a last
/// `{name...}` segment the rest of the path (one or more segments, joined by '/').
class Router {
 public:
  /// `family` groups routes for the per-family rate limit (e.g. "pipelines").
  void add(const std::string& method, const std::string& pattern, const std::string& family,
           Handler handler);

  /// Fills request.params on success.
  RouteMatch match(HttpRequest& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    std::string family;
    Handler handler;
  };
  std::vector<Route> routes_;
};

/// Splits a path on '/', dropping empty segments.
std::vector<std::string> splitPath(const std::string& path);

}  // namespace cc::emulator
