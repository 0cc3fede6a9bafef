#pragma once
// A small re-implementation of the Click grammar the original tool's commands were written in:
// positional arguments, options with one or two dashes (`-ps` is one option, not `-p -s`),
// `--opt=value`, attached short values (`-nNAME`), `--`, and Click's usage errors and help.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cc::cli {

/// One option of a command, declared as the original declared it (names in their order).
struct ClickOption {
  std::vector<std::string> names;  // e.g. {"-n", "--connection-name"}
  std::string dest;                // key in ClickParse::values, e.g. "connection_name"
  std::string help;
  bool flag = false;               // takes no value
  bool required = false;
  bool pathMustExist = false;      // click.Path(exists=True)
  std::vector<std::string> choices;  // click.Choice; empty: any text
  std::string metavar = "TEXT";
};

/// One command: its positional arguments (all required, one word each) and options.
struct ClickCommand {
  std::string name;                    // create_pipeline
  std::string summary;                 // first docstring line, shown in listings
  std::vector<std::string> paragraphs; // further docstring paragraphs for --help
  std::vector<std::string> arguments;  // metavars, e.g. {"SOURCE_NAME", "PIPELINE_NAME"}
  std::vector<ClickOption> options;    // without --help, which every command has
  std::vector<std::string> examples;   // command lines shown verbatim under "Examples:" in --help
};

/// What a successful parse found.
struct ClickParse {
  std::vector<std::string> arguments;         // in declaration order
  std::map<std::string, std::string> values;  // option dest → value (the last one given)
  std::map<std::string, bool> flags;          // flag dest → set
  /// Every value of each option, in the order given: for repeatable options (`-p A -p B`).
  std::map<std::string, std::vector<std::string>> lists;

  bool flag(const std::string& dest) const;
  std::optional<std::string> value(const std::string& dest) const;
  /// All values given for `dest`, in order; empty when none.
  std::vector<std::string> all(const std::string& dest) const;
};

/// The outcome of parsing: a parse, a help text to print (exit 0), or a usage error whose
/// full text (usage line, hint, `Error: ...`) goes to stderr with exit 2.
struct ClickOutcome {
  enum class Kind { Parsed, Help, UsageError };
  Kind kind = Kind::Parsed;
  ClickParse parse;
  std::string text;  // help text or the usage-error text, each ending in a newline
};

/// `program` is the command path shown in messages, e.g. "community-connector".
/// `fileExists` answers the `pathMustExist` checks (injectable for tests).
ClickOutcome parseClick(const ClickCommand& command, const std::vector<std::string>& args,
                        const std::string& program, bool (*fileExists)(const std::string&) = nullptr);

/// `Usage: <program> <command> [OPTIONS] ARG...`
std::string clickUsageLine(const ClickCommand& command, const std::string& program);
/// The full `--help` page, formatted as Click formats it (78 columns).
std::string clickHelp(const ClickCommand& command, const std::string& program);
/// Up to three close matches, best first, as Python's difflib.get_close_matches finds them.
std::vector<std::string> closeMatches(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace cc::cli
