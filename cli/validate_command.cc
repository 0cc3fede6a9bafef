// `validate`: load a manifest and run every offline check; nothing is sent over the network.
#include "cli/commands.h"
#include "render/diagnostic_printer.h"
#include "cli/exit_code.h"
#include "cli/exit_without_free.h"
#include "engine/manifest.h"
#include "engine/manifest_loader.h"

namespace cc::cli {
namespace {

std::string countOf(const nlohmann::json& doc, const char* key, const char* noun) {
  auto it = doc.find(key);
  const std::size_t n = it != doc.end() && it->is_object() ? it->size() : 0;
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

int runValidate(const GlobalOptions&, const ValidateOptions& options, Console& console) {
  const bool json = options.format == "json";
  render::DiagnosticPrinter printer(console.color);
  auto fail = [&](const engine::Diagnostics& diags) {
    if (json) render::DiagnosticPrinter::printJson(diags, false, console.out);
    else printer.printText(diags, console.err);
    return toInt(ExitCode::Error);
  };

  engine::ManifestInput input;
  input.path = options.manifest.file;
  input.environment = options.manifest.environment;
  // As `terraform validate`: structure without secrets, so a fork's pull request can validate.
  input.unsetEnvIsWarning = !options.requireEnv;
  engine::Diagnostics varErrors;
  if (!engine::parseVarAssignments(options.manifest.vars, input.vars, varErrors)) return fail(varErrors);

  auto text = engine::readSourceText(input.path);
  if (!text) return fail(text.diagnostics());
  input.text = text.value();
  printer.addSource(engine::displayName(input.path), *input.text);

  auto manifest = engine::loadManifest(input);
  if (!manifest) return fail(manifest.diagnostics());

  const auto& warnings = manifest->warnings;
  if (json) {
    render::DiagnosticPrinter::printJson(warnings, true, console.out);
  } else {
    printer.printText(warnings, console.err);
    console.out << manifest->file << ": valid (" << countOf(manifest->document, "connections", "connection")
                << ", " << countOf(manifest->document, "pipelines", "pipeline") << ")\n";
  }
  keepUntilExit(std::move(manifest));
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
