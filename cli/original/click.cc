// Click's parsing order and messages (Click 8.1, as the original tool's recordings show them):
// options are matched while scanning; unknown options and missing option values fail at once;
// then parameters are processed (the ones given first, in the order given, then the rest in
// declaration order), so the first missing or invalid one is the error reported.
#include "cli/original/click.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <sys/stat.h>

namespace cc::cli {
namespace {

bool defaultFileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string singleQuoted(const std::string& s) { return "'" + s + "'"; }

std::string optionHint(const ClickOption& o) {
  std::string hint;
  for (const auto& n : o.names) hint += (hint.empty() ? "" : " / ") + singleQuoted(n);
  return hint;
}

std::string usageError(const ClickCommand& cmd, const std::string& program, const std::string& message) {
  return clickUsageLine(cmd, program) + "\nTry '" + program + " " + cmd.name +
         " --help' for help.\n\nError: " + message + "\n";
}

const ClickOption* findOption(const ClickCommand& cmd, const std::string& name) {
  for (const auto& o : cmd.options)
    if (std::find(o.names.begin(), o.names.end(), name) != o.names.end()) return &o;
  return nullptr;
}

// Names Click treats as "long" (prefix + more than one letter), which it offers as suggestions.
std::vector<std::string> longNames(const ClickCommand& cmd) {
  std::vector<std::string> names;
  for (const auto& o : cmd.options)
    for (const auto& n : o.names)
      if (n.size() > 2) names.push_back(n);
  names.push_back("--help");
  return names;
}

std::string noSuchOption(const std::string& name, const std::vector<std::string>& possibilities) {
  std::string message = "No such option: " + name;
  if (possibilities.empty()) return message;
  std::vector<std::string> sorted = possibilities;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.size() == 1) return message + " Did you mean " + sorted[0] + "?";
  std::string joined;
  for (const auto& p : sorted) joined += (joined.empty() ? "" : ", ") + p;
  return message + " (Possible options: " + joined + ")";
}

// Longest common block of a[alo,ahi) and b[blo,bhi), earliest in a then b (difflib's rule).
void longestMatch(const std::string& a, const std::string& b, size_t alo, size_t ahi, size_t blo,
                  size_t bhi, size_t& bestI, size_t& bestJ, size_t& bestSize) {
  bestI = alo, bestJ = blo, bestSize = 0;
  // prev[j]: length of the common run ending at a[i-1] and b[j].
  std::vector<size_t> prev(b.size(), 0), cur(b.size(), 0);
  for (size_t i = alo; i < ahi; ++i) {
    std::fill(cur.begin(), cur.end(), 0);
    for (size_t j = blo; j < bhi; ++j) {
      if (a[i] != b[j]) continue;
      const size_t k = (j > blo ? prev[j - 1] : 0) + 1;
      cur[j] = k;
      if (k > bestSize) bestI = i + 1 - k, bestJ = j + 1 - k, bestSize = k;
    }
    std::swap(prev, cur);
  }
}

size_t matchingCharacters(const std::string& a, const std::string& b, size_t alo, size_t ahi, size_t blo,
                          size_t bhi) {
  size_t i = 0, j = 0, k = 0;
  longestMatch(a, b, alo, ahi, blo, bhi, i, j, k);
  if (k == 0) return 0;
  size_t total = k;
  if (alo < i && blo < j) total += matchingCharacters(a, b, alo, i, blo, j);
  if (i + k < ahi && j + k < bhi) total += matchingCharacters(a, b, i + k, ahi, j + k, bhi);
  return total;
}

double ratio(const std::string& a, const std::string& b) {
  if (a.empty() && b.empty()) return 1.0;
  return 2.0 * static_cast<double>(matchingCharacters(a, b, 0, a.size(), 0, b.size())) /
         static_cast<double>(a.size() + b.size());
}

void wrapInto(std::ostringstream& out, const std::string& text, size_t width, size_t indent, bool firstIndented) {
  std::istringstream words(text);
  std::string word, line;
  bool first = true;
  auto flush = [&] {
    if (!first || firstIndented) out << std::string(indent, ' ');
    out << line << "\n";
    line.clear();
    first = false;
  };
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) flush();
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || first) flush();
}

}  // namespace

bool ClickParse::flag(const std::string& dest) const {
  auto it = flags.find(dest);
  return it != flags.end() && it->second;
}

std::optional<std::string> ClickParse::value(const std::string& dest) const {
  auto it = values.find(dest);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ClickParse::all(const std::string& dest) const {
  auto it = lists.find(dest);
  return it == lists.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> closeMatches(const std::string& word, const std::vector<std::string>& candidates) {
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& c : candidates) {
    double r = ratio(c, word);
    if (r >= 0.6) scored.emplace_back(r, c);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second > y.second;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

std::string clickUsageLine(const ClickCommand& command, const std::string& program) {
  std::string line = "Usage: " + program + " " + command.name + " [OPTIONS]";
  for (const auto& a : command.arguments) line += " " + a;
  return line;
}

std::string clickHelp(const ClickCommand& command, const std::string& program) {
  std::ostringstream out;
  out << clickUsageLine(command, program) << "\n\n";
  std::vector<std::string> paragraphs = {command.summary};
  paragraphs.insert(paragraphs.end(), command.paragraphs.begin(), command.paragraphs.end());
  for (const auto& p : paragraphs) {
    wrapInto(out, p, 76, 2, true);
    out << "\n";
  }
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& o : command.options) {
    // Click lists short names first, then long ones.
    std::vector<std::string> names = o.names;
    std::stable_sort(names.begin(), names.end(), [](const auto& x, const auto& y) {
      auto prefix = [](const std::string& s) { return s.rfind("--", 0) == 0 ? 2 : 1; };
      return prefix(x) < prefix(y);
    });
    std::string first;
    for (const auto& n : names) first += (first.empty() ? "" : ", ") + n;
    if (!o.flag) {
      if (!o.choices.empty()) {
        std::string c;
        for (const auto& x : o.choices) c += (c.empty() ? "" : "|") + x;
        first += " [" + c + "]";
      } else {
        first += " " + o.metavar;
      }
    }
    std::string help = o.help;
    if (o.required) help += (help.empty() ? "" : "  ") + std::string("[required]");
    rows.emplace_back(first, help);
  }
  rows.emplace_back("--help", "Show this message and exit.");
  size_t widest = 0;
  for (const auto& r : rows) widest = std::max(widest, r.first.size());
  const size_t firstCol = std::min<size_t>(widest, 30) + 2;
  const size_t textWidth = std::max<size_t>(78 - firstCol - 2, 10);
  out << "Options:\n";
  for (const auto& [first, help] : rows) {
    out << "  " << first;
    if (first.size() <= firstCol - 2) {
      out << std::string(firstCol - first.size(), ' ');
      wrapInto(out, help, textWidth, firstCol + 2, false);
    } else {
      out << "\n";
      wrapInto(out, help, textWidth, firstCol + 2, true);
    }
  }
  // Click would re-wrap them as a paragraph; command lines are printed as written.
  if (!command.examples.empty()) out << "\nExamples:\n";
  for (const auto& e : command.examples) out << "  " << e << "\n";
  return out.str();
}

namespace {

// What the words say before any check: option values, flags, positionals, --help.
struct ClickWords {
  std::vector<std::string> positionals;
  std::vector<const ClickOption*> order;  // options in the order first given
  bool help = false;
};

// One option word (and its value, which may be the next word; `i` then moves past it) into
// `parse`; the usage error's message, if any.
std::optional<std::string> readOption(const ClickCommand& command, const std::vector<std::string>& args, size_t& i,
                                      ClickWords& words, ClickParse& parse) {
  const std::string& arg = args[i];
  // First the whole word (before any '=') as one option name, then short-option clusters.
  const auto eq = arg.find('=');
  const std::string name = arg.substr(0, eq);
  // Two-letter names are short options: `-n=x` gives the value "=x", as in Click.
  const ClickOption* opt = name.size() > 2 ? findOption(command, name) : nullptr;
  std::optional<std::string> attached;
  if (opt != nullptr && eq != std::string::npos) attached = arg.substr(eq + 1);
  if (name == "--help") {
    if (attached) return "Option '--help' does not take a value.";
    words.help = true;
    return std::nullopt;
  }
  if (opt == nullptr) {
    if (arg.rfind("--", 0) == 0) return noSuchOption(name, closeMatches(name, longNames(command)));
    const std::string shortName = arg.substr(0, 2);
    opt = findOption(command, shortName);
    if (opt == nullptr) return noSuchOption(shortName, {});
    if (opt->flag) {
      if (arg.size() > 2) return noSuchOption("-" + arg.substr(2, 1), {});
    } else if (arg.size() > 2) {
      attached = arg.substr(2);
    }
  }
  if (std::find(words.order.begin(), words.order.end(), opt) == words.order.end()) words.order.push_back(opt);
  if (opt->flag) {
    if (attached) return "Option " + singleQuoted(name) + " does not take a value.";
    parse.flags[opt->dest] = true;
  } else if (attached) {
    parse.values[opt->dest] = *attached;
    parse.lists[opt->dest].push_back(*attached);
  } else if (i + 1 < args.size()) {
    parse.values[opt->dest] = args[++i];
    parse.lists[opt->dest].push_back(args[i]);
  } else {
    return "Option " + singleQuoted(name) + " requires an argument.";
  }
  return std::nullopt;
}

std::optional<std::string> readWords(const ClickCommand& command, const std::vector<std::string>& args,
                                     ClickWords& words, ClickParse& parse) {
  bool onlyPositionals = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (onlyPositionals || arg.size() < 2 || arg[0] != '-') {
      words.positionals.push_back(arg);
    } else if (arg == "--") {
      onlyPositionals = true;
    } else if (auto error = readOption(command, args, i, words, parse)) {
      return error;
    }
  }
  return std::nullopt;
}

// A value's checks: required, one of the choices, a path that exists.
std::optional<std::string> checkOption(const ClickOption& o, const ClickParse& parse,
                                       bool (*fileExists)(const std::string&)) {
  auto v = parse.value(o.dest);
  if (o.flag) return std::nullopt;
  if (!v) {
    if (o.required) return "Missing option " + optionHint(o) + ".";
    return std::nullopt;
  }
  if (!o.choices.empty() && std::find(o.choices.begin(), o.choices.end(), *v) == o.choices.end()) {
    std::string list;
    for (const auto& c : o.choices) list += (list.empty() ? "" : ", ") + singleQuoted(c);
    return "Invalid value for " + optionHint(o) + ": " + singleQuoted(*v) + " is not one of " + list + ".";
  }
  if (o.pathMustExist && !fileExists(*v))
    return "Invalid value for " + optionHint(o) + ": Path " + singleQuoted(*v) + " does not exist.";
  return std::nullopt;
}

// Click's processing order: options given (in order), then arguments, then the options not
// given, then extra arguments.
std::optional<std::string> checkWords(const ClickCommand& command, const ClickWords& words, ClickParse& parse,
                                      bool (*fileExists)(const std::string&)) {
  for (const auto* o : words.order)
    if (auto e = checkOption(*o, parse, fileExists)) return e;
  for (size_t k = 0; k < command.arguments.size(); ++k) {
    if (k >= words.positionals.size()) return "Missing argument " + singleQuoted(command.arguments[k]) + ".";
    parse.arguments.push_back(words.positionals[k]);
  }
  for (const auto& o : command.options)
    if (std::find(words.order.begin(), words.order.end(), &o) == words.order.end())
      if (auto e = checkOption(o, parse, fileExists)) return e;
  if (words.positionals.size() > command.arguments.size()) {
    std::string extra;
    for (size_t k = command.arguments.size(); k < words.positionals.size(); ++k)
      extra += (extra.empty() ? "" : " ") + words.positionals[k];
    const bool many = words.positionals.size() - command.arguments.size() > 1;
    return std::string("Got unexpected extra argument") + (many ? "s" : "") + " (" + extra + ")";
  }
  return std::nullopt;
}

}  // namespace

ClickOutcome parseClick(const ClickCommand& command, const std::vector<std::string>& args,
                        const std::string& program, bool (*fileExists)(const std::string&)) {
  if (fileExists == nullptr) fileExists = defaultFileExists;
  ClickOutcome outcome;
  ClickWords words;
  std::optional<std::string> error = readWords(command, args, words, outcome.parse);
  if (!error && words.help) {
    outcome.kind = ClickOutcome::Kind::Help;
    outcome.text = clickHelp(command, program);
    return outcome;
  }
  if (!error) error = checkWords(command, words, outcome.parse, fileExists);
  if (error) {
    outcome.kind = ClickOutcome::Kind::UsageError;
    outcome.text = usageError(command, program, *error);
  }
  return outcome;
}

}  // namespace cc::cli
