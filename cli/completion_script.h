#pragma once
// Shell completion scripts (bash, zsh) built from the command grammar itself, so they never
// drift from the parser: `community-connector completion bash|zsh`.

#include <string>
#include <vector>

namespace cc::cli {

/// One subcommand and the flags it accepts ("--file", "-f" …), with value choices when known.
struct CompletionCommand {
  std::string name;
  std::string description;
  std::vector<std::string> flags;
  std::vector<std::string> subcommands;  // e.g. auth → describe (whose flags are in `flags`)
  std::vector<std::string> aliases;      // e.g. create-pipeline for create_pipeline
  std::vector<std::string> formats;      // the values its --format accepts; empty: it has none
  std::vector<std::string> arguments;    // the values its positional argument accepts (completion: bash zsh)
};

/// The whole grammar: global flags and every subcommand.
struct CompletionModel {
  std::string program = "community-connector";
  std::vector<std::string> globalFlags;
  /// The global flags that take a value (--profile NAME): the word after one is not a command.
  std::vector<std::string> globalValueFlags;
  std::vector<CompletionCommand> commands;
};

/// A bash script that registers `complete -F _community_connector community-connector`.
std::string bashCompletionScript(const CompletionModel& model);
/// A zsh script (`#compdef community-connector`) usable from $fpath or with `source`.
std::string zshCompletionScript(const CompletionModel& model);

}  // namespace cc::cli
