#include "cli/command_help.h"

#include <CLI/CLI.hpp>
#include <map>
#include <string>

namespace cc::cli {
namespace {

// Kept next to each other so that the examples of all commands read as one page.
const std::map<std::string, std::string>& examples() {
  static const std::map<std::string, std::string> text = {
      {"validate",
       "Examples:\n"
       "  community-connector validate                      # ./connectors.yaml\n"
       "  community-connector validate -f prod.yaml --var env=prod\n"
       "  community-connector validate --format json        # diagnostics for editors and CI\n"
       "Sends nothing to the workspace. Exit 0 valid, 1 invalid."},
      {"plan",
       "Examples:\n"
       "  community-connector plan                          # show what apply would do\n"
       "  community-connector plan -o plan.json             # save it for `apply plan.json`\n"
       "  community-connector plan --format markdown --detailed-exitcode -o plan.json   # CI\n"
       "  community-connector plan --target pipeline.github_ingest   # a resource address\n"
       "  community-connector plan -e prod --prune            # environment prod of the deployment\n"
       "  community-connector plan --destroy -o destroy.json  # preview destroy; `apply destroy.json` does it\n"
       "Exit 0 no changes, 1 error, 2 changes (with --detailed-exitcode)."},
      {"apply",
       "Examples:\n"
       "  community-connector apply                         # plan, confirm, apply ./connectors.yaml\n"
       "  community-connector apply plan.json               # exactly a saved plan; refused if stale\n"
       "  community-connector apply -f prod.yaml --auto-approve --parallelism 4\n"
       "  community-connector apply --prune                 # also delete the deployment's resources no longer listed\n"
       "  community-connector apply --prune --auto-approve --expect-deletes 2   # CI: exactly these deletes\n"
       "Only one apply per deployment at a time: --lock-timeout 5m waits for the lock."},
      {"destroy",
       "Examples:\n"
       "  community-connector destroy                       # asks before deleting\n"
       "  community-connector destroy -f dev.yaml -e dev --auto-approve --allow-mass-delete\n"
       "Deletes only the deployment's resources (its markers and record); folders stay."},
      {"show",
       "Examples:\n"
       "  community-connector show plan.json                # what `plan -o plan.json` printed\n"
       "  community-connector show plan.json --format markdown\n"
       "Reads no manifest and sends nothing."},
      {"force-unlock",
       "Examples:\n"
       "  community-connector force-unlock 3f2a9c0d1b7e4a55      # the id the \"locked by\" message shows\n"
       "  community-connector force-unlock 3f2a9c0d1b7e4a55 -e prod --yes\n"
       "Only after the apply that holds the lock is gone: two applies would interleave."},
      {"import",
       "Examples:\n"
       "  community-connector import > connectors.yaml      # then: plan shows no changes\n"
       "  community-connector import --source github --owned-only\n"
       "  community-connector import --deployment team_a > team_a.yaml\n"
       "Secret options cannot be read back: they become ${env.CONNECTION_KEY} references\n"
       "(stderr lists the variables to set)."},
      {"schema",
       "Examples:\n"
       "  community-connector schema > manifest.schema.json\n"
       "  #   first line of connectors.yaml:  # yaml-language-server: $schema=manifest.schema.json\n"
       "  community-connector schema --markdown > docs/manifest-reference.md"},
      {"completion",
       "Examples:\n"
       "  source <(community-connector completion bash)     # add to ~/.bashrc\n"
       "  community-connector completion zsh > \"${fpath[1]}/_community-connector\""},
      {"version",
       "Examples:\n"
       "  community-connector version                       # version, then compiler and build type\n"
       "  community-connector --version                     # the version line only"},
      {"auth",
       "Examples:\n"
       "  community-connector auth describe\n"
       "  community-connector --profile prod auth describe"},
  };
  return text;
}

std::vector<std::string> flagsOf(const CLI::App& cmd) {
  std::vector<std::string> flags;
  for (const CLI::Option* opt : cmd.get_options()) {
    for (const auto& l : opt->get_lnames()) flags.push_back("--" + l);
    for (const auto& s : opt->get_snames()) flags.push_back("-" + s);
  }
  return flags;
}

}  // namespace

void addExampleFooters(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    auto it = examples().find(sub->get_name());
    if (it != examples().end()) sub->footer(it->second);
  }
}

CompletionModel completionModel(const CLI::App& app) {
  CompletionModel model;
  model.globalFlags = flagsOf(app);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    CompletionCommand c{sub->get_name(), sub->get_description(), flagsOf(*sub), {}};
    for (const CLI::App* nested : sub->get_subcommands([](const CLI::App*) { return true; })) {
      c.subcommands.push_back(nested->get_name());
    }
    model.commands.push_back(std::move(c));
  }
  return model;
}

}  // namespace cc::cli
