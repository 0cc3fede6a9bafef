// `destroy`: delete every resource the manifest declares and this tool owns.
#include "cli/apply_flow.h"
#include "cli/commands.h"

namespace cc::cli {

int runDestroy(const GlobalOptions& global, const DestroyOptions& options, Console& console) {
  ApplyRequest request;
  request.verb = "destroy";
  request.manifest = options.manifest;
  request.autoApprove = options.autoApprove;
  request.parallelism = options.parallelism;
  request.destroy = true;
  request.massDelete = options.massDelete;
  request.format = options.format;
  return executeApply(global, request, console);
}

}  // namespace cc::cli
