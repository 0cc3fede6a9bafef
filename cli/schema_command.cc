// `schema`: print the manifest JSON Schema (or, with --markdown, its reference) (compiled in, so it works without the source tree).
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/output_file.h"
#include "engine/embedded_schemas.h"
#include "render/schema_markdown.h"

namespace cc::cli {

int runSchema(const GlobalOptions& global, const std::string& writeTo, Console& console) {
  if (writeTo.empty()) {
    console.out << engine::manifestSchemaText();
    return toInt(ExitCode::Ok);
  }
  // Beside the manifests, so that `# yaml-language-server: $schema=manifest.schema.json`
  // (what `import` writes) finds it with no network.
  if (auto failed = writeOutputFile(writeTo, std::string(engine::manifestSchemaText()), {}, "the schema", console.out)) {
    console.err << "error: " << failed.what << "\n  " << failed.fix << "\n";
    return toInt(ExitCode::Error);
  }
  if (!global.quiet)
    console.out << "wrote " << writeTo << "; a manifest beside it names it with its first line:\n"
                << "  # yaml-language-server: $schema=manifest.schema.json\n";
  return toInt(ExitCode::Ok);
}

int runSchemaMarkdown(Console& console) {
  auto schema = nlohmann::ordered_json::parse(engine::manifestSchemaText(), nullptr, false);
  if (schema.is_discarded()) {
    console.err << "error: the compiled-in manifest schema is not JSON\n  rebuild community-connector\n";
    return toInt(ExitCode::Error);
  }
  console.out << render::manifestReferenceMarkdown(schema);
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
