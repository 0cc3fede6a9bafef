#pragma once
// The one apply flow behind `apply` and `destroy`: load, lock, plan (or check a saved plan),
// confirm, execute, summarise.

#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/console.h"

namespace cc::cli {

struct ApplyRequest {
  std::string verb = "apply";  // for messages: "apply" | "destroy"
  ManifestOptions manifest;
  std::string planFile;
  bool autoApprove = false;
  int parallelism = 10;
  bool prune = false;
  bool adopt = false;
  bool destroy = false;
  std::vector<std::string> targets;
  double lockTimeoutSeconds = 0;
  double waitTimeoutSeconds = 3600;
  MassDeleteOptions massDelete;
  std::string format = "text";  // json: the results as one JSON object on stdout, the rest on stderr
  std::vector<std::string> authorize;  // --authorize: u2m connections whose browser flow runs
};

int executeApply(const GlobalOptions& global, const ApplyRequest& request, Console& console);

}  // namespace cc::cli
