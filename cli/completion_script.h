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
  std::vector<std::string> subcommands;  // e.g. auth → describe
};

/// The whole grammar: global flags and every subcommand.
struct CompletionModel {
  std::string program = "community-connector";
  std::vector<std::string> globalFlags;
  std::vector<CompletionCommand> commands;
};

/// A bash script that registers `complete -F _community_connector community-connector`.
std::string bashCompletionScript(const CompletionModel& model);
/// A zsh script (`#compdef community-connector`) usable from $fpath or with `source`.
std::string zshCompletionScript(const CompletionModel& model);

}  // namespace cc::cli
