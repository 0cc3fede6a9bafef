// `schema`: print the manifest JSON Schema (compiled in, so it works without the source tree).
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "engine/embedded_schemas.h"

namespace cc::cli {

int runSchema(const GlobalOptions&, Console& console) {
  console.out << engine::manifestSchemaText();
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
