#include "cli/command_help.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "cli/original/command_specs.h"

namespace cc::cli {
namespace {

// Appends the words of `more` that `words` lacks (a nested command repeats --help).
void append(std::vector<std::string>& words, const std::vector<std::string>& more) {
  for (const auto& w : more)
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
}

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
       "  community-connector apply plan.json --format json > result.json   # per-action results\n"
       "Only one apply per deployment at a time: --lock-timeout 5m waits for the lock."},
      {"destroy",
       "Examples:\n"
       "  community-connector destroy                       # asks before deleting\n"
       "  community-connector destroy -f dev.yaml -e dev --auto-approve --allow-mass-delete\n"
       "  community-connector destroy --auto-approve --format json   # per-action results on stdout\n"
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
       "  community-connector import --format json          # the manifest, notes and counts as JSON\n"
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
      {"auth describe",
       "Examples:\n"
       "  community-connector auth describe                 # host, auth type, where each value came from\n"
       "  community-connector auth describe -f prod.yaml -e prod\n"
       "  community-connector --profile prod auth describe --format json\n"
       "Never prints a token or a client secret."},
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

// The values an option checked with CLI::IsMember accepts. CLI11 keeps them only in the
// validator's description, which its type name carries: "TEXT:{text,json}".
std::vector<std::string> choicesOf(const CLI::Option& opt) {
  const std::string type = opt.get_type_name();
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  std::vector<std::string> choices;
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::string word;
  for (char c : type.substr(open + 1, close - open - 1)) {
    if (c == ',') choices.push_back(std::exchange(word, {}));
    else word += c;
  }
  if (!word.empty()) choices.push_back(word);
  return choices;
}

// A command's flags, --format values and positional choices, from CLI11 (`cmd` and the commands
// under it, such as auth describe).
void addDeclared(const CLI::App& cmd, CompletionCommand& c) {
  for (const CLI::Option* opt : cmd.get_options()) {
    const bool positional = opt->get_lnames().empty() && opt->get_snames().empty();
    if (positional) append(c.arguments, choicesOf(*opt));
    if (opt->check_lname("format")) append(c.formats, choicesOf(*opt));
  }
  append(c.flags, flagsOf(cmd));
  for (const CLI::App* nested : cmd.get_subcommands([](const CLI::App*) { return true; })) {
    c.subcommands.push_back(nested->get_name());
    addDeclared(*nested, c);
  }
}

// An original tool's command: CLI11 only hands its words over; its Click declaration has them.
void addClickDeclared(const ClickCommand& click, CompletionCommand& c) {
  for (const ClickOption& o : click.options) {
    append(c.flags, o.names);
    if (o.dest == "format") append(c.formats, o.choices);
  }
  c.flags.push_back("--help");
}

}  // namespace

void addExampleFooters(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    auto it = examples().find(sub->get_name());
    if (it != examples().end()) sub->footer(it->second);
    for (CLI::App* nested : sub->get_subcommands([](CLI::App*) { return true; })) {
      auto found = examples().find(sub->get_name() + " " + nested->get_name());
      if (found != examples().end()) nested->footer(found->second);
    }
  }
}

CompletionModel completionModel(const CLI::App& app) {
  CompletionModel model;
  model.globalFlags = flagsOf(app);
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_items_expected_max() == 0) continue;  // a flag
    for (const auto& l : opt->get_lnames()) model.globalValueFlags.push_back("--" + l);
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    CompletionCommand c{sub->get_name(), sub->get_description(), {}, {}, sub->get_aliases(), {}, {}};
    if (const ClickCommand* click = originalCommand(sub->get_name())) {
      c.description = click->summary;
      addClickDeclared(*click, c);
    } else {
      addDeclared(*sub, c);
    }
    model.commands.push_back(std::move(c));
  }
  return model;
}

}  // namespace cc::cli
