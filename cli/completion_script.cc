#include "cli/completion_script.h"

#include <sstream>

namespace cc::cli {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
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

}  // namespace

std::string bashCompletionScript(const CompletionModel& model) {
  const std::string fn = functionName(model.program);
  std::vector<std::string> names;
  for (const auto& c : model.commands) names.push_back(c.name);
  std::ostringstream s;
  s << "# bash completion for " << model.program << " (generated: " << model.program << " completion bash)\n"
    << fn << "() {\n"
    << "  local cur prev cmd i\n"
    << "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
    << "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
    << "  cmd=\"\"\n"
    << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
    << "    case \"${COMP_WORDS[i]}\" in -*) ;; *) cmd=\"${COMP_WORDS[i]}\"; break ;; esac\n"
    << "  done\n"
    << "  case \"$prev\" in\n"
    << "    -f|--file|-o|--out|--config|-ps|--pipeline-spec) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
    << "    --format) COMPREPLY=($(compgen -W 'text json markdown' -- \"$cur\")); return ;;\n"
    << "    --profile) COMPREPLY=($(compgen -W \"$(sed -n 's/^\\[\\(.*\\)\\]$/\\1/p' \"${DATABRICKS_CONFIG_FILE:-$HOME/.databrickscfg}\" 2>/dev/null)\" -- \"$cur\")); return ;;\n"
    << "  esac\n"
    << "  case \"$cmd\" in\n";
  for (const auto& c : model.commands) {
    std::vector<std::string> words = c.flags;
    words.insert(words.end(), c.subcommands.begin(), c.subcommands.end());
    s << "    " << c.name << ")\n"
      << "      COMPREPLY=($(compgen -W " << shellQuoted(joined(words)) << " -- \"$cur\"))\n";
    if (c.name == "apply") s << "      [[ \"$cur\" != -* ]] && COMPREPLY+=($(compgen -f -- \"$cur\"))\n";
    s << "      return ;;\n";
  }
  s << "    \"\") ;;\n"
    << "    *) return ;;\n"  // an argument of a command we do not know: leave it to -o default
    << "  esac\n"
    << "  COMPREPLY=($(compgen -W " << shellQuoted(joined(names) + " " + joined(model.globalFlags)) << " -- \"$cur\"))\n"
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
    << "  local -a commands\n"
    << "  commands=(\n";
  for (const auto& c : model.commands) {
    std::string d = c.description;
    for (auto& ch : d)
      if (ch == ':') ch = ' ';
    s << "    " << shellQuoted(c.name + ":" + d) << "\n";
  }
  s << "  )\n"
    << "  local cmd i\n"
    << "  for ((i = 2; i < CURRENT; i++)); do\n"
    << "    if [[ ${words[i]} != -* ]]; then cmd=${words[i]}; break; fi\n"
    << "  done\n"
    << "  if [[ -z $cmd ]]; then\n"
    << "    if [[ ${words[CURRENT]} == -* ]]; then compadd -- " << joined(model.globalFlags) << "\n"
    << "    else _describe 'command' commands; fi\n"
    << "    return\n"
    << "  fi\n"
    << "  case ${words[CURRENT-1]} in\n"
    << "    -f|--file|-o|--out|--config|-ps|--pipeline-spec) _files; return ;;\n"
    << "    --format) compadd -- text json markdown; return ;;\n"
    << "  esac\n"
    << "  case $cmd in\n";
  for (const auto& c : model.commands) {
    std::vector<std::string> words = c.flags;
    words.insert(words.end(), c.subcommands.begin(), c.subcommands.end());
    s << "    " << c.name << ") compadd -- " << joined(words) << (c.name == "apply" ? "; _files" : "") << " ;;\n";
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
