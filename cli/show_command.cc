// `show PLANFILE`: print a saved plan as `plan` printed it (text, JSON or Markdown), with no
// manifest, no secret and no request.
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "render/plan_renderer.h"
#include "engine/plan_file.h"

namespace cc::cli {

int runShow(const GlobalOptions&, const ShowOptions& options, Console& console) {
  std::ifstream in(options.planFile, std::ios::binary);
  if (!in) {
    console.err << "error: cannot read the plan file " << options.planFile
                << "\n  check the path, or run `community-connector plan -o FILE` to make one\n";
    return toInt(ExitCode::Error);
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto plan = engine::readPlanFileToShow(text.str());
  if (!plan) {
    for (const auto& d : plan.diagnostics().items())
      console.err << "error: " << options.planFile << ": " << d.summary << "\n  " << d.detail << "\n";
    return toInt(ExitCode::Error);
  }
  render::PlanFormat format = render::PlanFormat::Text;
  render::parsePlanFormat(options.format, format);
  render::renderPlan(*plan, format, console.out, console.color);
  return toInt(ExitCode::Ok);
}

}  // namespace cc::cli
