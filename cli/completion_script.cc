#include "cli/completion_script.h"

#include <sstream>

namespace cc::cli {
namespace {

std::string joined(const std::vector<std::string>& words, const std::string& separator = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

std::string functionName(const std::string& program) {
  std::string out = "_";
  for (char c : program) out += (c == '-' ? '_' : c);
  return out;
}

// Single-quoted for the shell: ' becomes '\''.
std::string shellQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'' ? std::string("'\\''") : std::string(1, c));
  return out + "'";
}

// A case pattern matching the command and its aliases: "create_pipeline|create-pipeline".
std::string namePattern(const CompletionCommand& c) {
  std::vector<std::string> names = {c.name};
  names.insert(names.end(), c.aliases.begin(), c.aliases.end());
  return joined(names, "|");
}

std::vector<std::string> commandNames(const CompletionModel& model) {
  std::vector<std::string> names;
  for (const auto& c : model.commands) {
    names.push_back(c.name);
    names.insert(names.end(), c.aliases.begin(), c.aliases.end());
  }
  return names;
}

// The words other than flags completed after a command: its subcommands and its positional
// argument's values. Offered alone when the word typed does not start with a dash.
std::vector<std::string> wordsAfter(const CompletionCommand& c) {
  std::vector<std::string> words = c.subcommands;
  words.insert(words.end(), c.arguments.begin(), c.arguments.end());
  return words;
}

// The first word that is neither a flag nor the value of a global flag (--profile prod plan).
void bashCommandSearch(std::ostream& s, const CompletionModel& model) {
  s << "  cmd=\"\"\n"
    << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
    << "    case \"${COMP_WORDS[i]}\" in\n";
  if (!model.globalValueFlags.empty()) s << "      " << joined(model.globalValueFlags, "|") << ") ((i++)) ;;\n";
  s << "      -*) ;;\n"
    << "      *) cmd=\"${COMP_WORDS[i]}\"; break ;;\n"
    << "    esac\n"
    << "  done\n";
}

void bashFormatValues(std::ostream& s, const CompletionModel& model) {
  s << "    --format)\n"
    << "      case \"$cmd\" in\n";
  for (const auto& c : model.commands)
    if (!c.formats.empty())
      s << "        " << namePattern(c) << ") COMPREPLY=($(compgen -W " << shellQuoted(joined(c.formats))
        << " -- \"$cur\")) ;;\n";
  s << "      esac\n"
    << "      return ;;\n";
}

void zshFormatValues(std::ostream& s, const CompletionModel& model) {
  s << "    --format)\n"
    << "      case $cmd in\n";
  for (const auto& c : model.commands)
    if (!c.formats.empty()) s << "        " << namePattern(c) << ") compadd -- " << joined(c.formats) << " ;;\n";
  s << "      esac\n"
    << "      return ;;\n";
}

}  // namespace

std::string bashCompletionScript(const CompletionModel& model) {
  const std::string fn = functionName(model.program);
  std::ostringstream s;
  s << "# bash completion for " << model.program << " (generated: " << model.program << " completion bash)\n"
    << fn << "() {\n"
    << "  local cur prev cmd i\n"
    << "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
    << "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n";
  bashCommandSearch(s, model);
  s << "  case \"$prev\" in\n"
    << "    -f|--file|-o|--out|--config|-ps|--pipeline-spec) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
  bashFormatValues(s, model);
  s << "    --profile) COMPREPLY=($(compgen -W \"$(sed -n 's/^\\[\\(.*\\)\\]$/\\1/p' \"${DATABRICKS_CONFIG_FILE:-$HOME/.databrickscfg}\" 2>/dev/null)\" -- \"$cur\")); return ;;\n"
    << "  esac\n"
    << "  case \"$cmd\" in\n";
  for (const auto& c : model.commands) {
    s << "    " << namePattern(c) << ")\n";
    if (!wordsAfter(c).empty())
      s << "      [[ \"$cur\" != -* ]] && { COMPREPLY=($(compgen -W " << shellQuoted(joined(wordsAfter(c)))
        << " -- \"$cur\")); return; }\n";
    s << "      COMPREPLY=($(compgen -W " << shellQuoted(joined(c.flags)) << " -- \"$cur\"))\n";
    if (c.name == "apply") s << "      [[ \"$cur\" != -* ]] && COMPREPLY+=($(compgen -f -- \"$cur\"))\n";
    s << "      return ;;\n";
  }
  s << "    \"\") ;;\n"
    << "    *) return ;;\n"  // an argument of a command we do not know: leave it to -o default
    << "  esac\n"
    << "  COMPREPLY=($(compgen -W " << shellQuoted(joined(commandNames(model)) + " " + joined(model.globalFlags))
    << " -- \"$cur\"))\n"
    << "}\n"
    << "complete -o default -F " << fn << " " << model.program << "\n";
  return s.str();
}

std::string zshCompletionScript(const CompletionModel& model) {
  const std::string fn = functionName(model.program);
  std::ostringstream s;
  s << "#compdef " << model.program << "\n"
    << "# zsh completion for " << model.program << " (generated: " << model.program << " completion zsh)\n"
    << fn << "() {\n"
    << "  local -a subcommands\n"
    << "  subcommands=(\n";
  for (const auto& c : model.commands) {
    std::string d = c.description;
    for (auto& ch : d)
      if (ch == ':') ch = ' ';
    s << "    " << shellQuoted(c.name + ":" + d) << "\n";
    for (const auto& alias : c.aliases) s << "    " << shellQuoted(alias + ":" + d) << "\n";
  }
  s << "  )\n"
    << "  local cmd i\n"
    << "  for ((i = 2; i < CURRENT; i++)); do\n"
    << "    case ${words[i]} in\n";
  if (!model.globalValueFlags.empty()) s << "      " << joined(model.globalValueFlags, "|") << ") ((i++)) ;;\n";
  s << "      -*) ;;\n"
    << "      *) cmd=${words[i]}; break ;;\n"
    << "    esac\n"
    << "  done\n"
    << "  if [[ -z $cmd ]]; then\n"
    << "    if [[ ${words[CURRENT]} == -* ]]; then compadd -- " << joined(model.globalFlags) << "\n"
    << "    else _describe 'command' subcommands; fi\n"
    << "    return\n"
    << "  fi\n"
    << "  case ${words[CURRENT-1]} in\n"
    << "    -f|--file|-o|--out|--config|-ps|--pipeline-spec) _files; return ;;\n";
  zshFormatValues(s, model);
  s << "  esac\n"
    << "  case $cmd in\n";
  for (const auto& c : model.commands) {
    s << "    " << namePattern(c) << ")";
    if (!wordsAfter(c).empty())
      s << " if [[ ${words[CURRENT]} != -* ]]; then compadd -- " << joined(wordsAfter(c)) << "; return; fi;";
    s << " compadd -- " << joined(c.flags) << (c.name == "apply" ? "; _files" : "") << " ;;\n";
  }
  s << "  esac\n"
    << "}\n"
    << "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
    << "  " << fn << " \"$@\"\n"
    << "else\n"
    << "  compdef " << fn << " " << model.program << "\n"
    << "fi\n";
  return s.str();
}

}  // namespace cc::cli
