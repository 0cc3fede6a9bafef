#include "engine/placeholders.h"

#include <nlohmann/json.hpp>

namespace cc::engine {
namespace {

using nlohmann::json;

bool validName(std::string_view name, bool allowDash) {
  if (name.empty()) return false;
  const char c0 = name[0];
  if (!(std::isalpha(static_cast<unsigned char>(c0)) || c0 == '_')) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (allowDash && c == '-'))) return false;
  return true;
}

/// Interpolates a document in place; only subtrees under renamed keys get new source entries.
class DocumentInterpolator {
 public:
  DocumentInterpolator(SourceMap& sources, const InterpolationScope& scope, Diagnostics& diags,
                       InterpolatedDocument& out)
      : sources_(sources), scope_(scope), diags_(diags), out_(out) {}

  // `ptr` is the node's JSON pointer, one buffer for the whole walk: each child appends its
  // token and cuts it off again, so no node costs a string of its own.
  void walk(json& node, std::string& ptr) {
    if (node.is_string()) {
      string(node, ptr);
    } else if (node.is_array()) {
      const std::size_t length = ptr.size();
      for (std::size_t i = 0; i < node.size(); ++i) {
        ptr += '/';
        ptr += std::to_string(i);
        walk(node[i], ptr);
        ptr.resize(length);
      }
    } else if (node.is_object()) {
      renameKeys(node, ptr);
      const std::size_t length = ptr.size();
      std::string escaped;
      for (auto& [key, value] : node.items()) {
        ptr += '/';
        ptr += pointerToken(key, escaped);
        walk(value, ptr);
        ptr.resize(length);
      }
    }
  }

 private:
  static bool needsWork(const std::string& text) {
    return containsReference(text) || text.find("$${") != std::string::npos;
  }

  void renameKeys(json& object, const std::string& ptr) {
    std::vector<std::pair<std::string, std::string>> renames;
    for (const auto& [key, value] : object.items()) {
      if (!needsWork(key)) continue;
      auto r = interpolate(key, scope_);
      report(r, sources_.findKey(ptr + "/" + escapePointerToken(key)));
      if (r.errors.empty() && r.value != key) renames.emplace_back(key, r.value);
    }
    for (const auto& [oldKey, newKey] : renames) {
      const std::string oldPtr = ptr + "/" + escapePointerToken(oldKey);
      if (object.contains(newKey)) {
        diags_.error("key '" + newKey + "' appears twice after interpolation", sources_.findKey(oldPtr),
                     "make the names differ after ${var.*} and ${env.*} are replaced");
        continue;
      }
      json value = std::move(object[oldKey]);
      object.erase(oldKey);
      const std::string newPtr = ptr + "/" + escapePointerToken(newKey);
      sources_.alias(oldPtr, newPtr);
      object.emplace(newKey, std::move(value));
    }
  }

  void string(json& node, const std::string& ptr) {
    const auto& text = node.get_ref<const std::string&>();
    if (!needsWork(text)) return;
    auto r = interpolate(text, scope_);
    report(r, sources_.find(ptr));
    out_.origins[ptr] = {text, r.usedEnv, std::move(r.sensitiveParts)};
    if (r.errors.empty()) node = std::move(r.value);
  }

  void report(const InterpolatedString& r, std::optional<SourceRange> where) {
    for (const auto& e : r.errors) diags_.error(e, where);
    for (const auto& w : r.warnings) diags_.warning(w, where);
  }

  SourceMap& sources_;
  const InterpolationScope& scope_;
  Diagnostics& diags_;
  InterpolatedDocument& out_;
};

}  // namespace

bool containsReference(std::string_view text) {
  for (std::size_t i = text.find("${"); i != std::string_view::npos; i = text.find("${", i + 2)) {
    if (i == 0 || text[i - 1] != '$') return true;
  }
  return false;
}

InterpolatedString interpolate(std::string_view text, const InterpolationScope& scope) {
  InterpolatedString out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t dollar = text.find('$', i);
    if (dollar == std::string_view::npos || dollar + 1 >= text.size()) {
      out.value.append(text.substr(i));
      break;
    }
    out.value.append(text.substr(i, dollar - i));
    if (text.compare(dollar, 3, "$${") == 0) {  // escaped: a literal "${"
      out.value += "${";
      i = dollar + 3;
      continue;
    }
    if (text[dollar + 1] != '{') {
      out.value += '$';
      i = dollar + 1;
      continue;
    }
    out.hasReference = true;
    const std::size_t close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      out.errors.push_back("unterminated reference '" + std::string(text.substr(dollar, 24)) +
                           "': close it with '}'");
      break;
    }
    const std::string_view inner = text.substr(dollar + 2, close - dollar - 2);
    const std::string ref = "${" + std::string(inner) + "}";
    i = close + 1;
    const std::size_t dot = inner.find('.');
    const std::string_view ns = inner.substr(0, dot);
    const std::string_view name = dot == std::string_view::npos ? std::string_view{} : inner.substr(dot + 1);
    if (ns != "env" && ns != "var") {
      out.errors.push_back("malformed reference '" + ref + "': use ${env.NAME} or ${var.NAME}");
      continue;
    }
    if (!validName(name, ns == "var")) {
      out.errors.push_back("malformed reference '" + ref + "': '" + std::string(name) +
                           "' is not a valid name (letters, digits and '_', not starting with a digit)");
      continue;
    }
    const std::string key(name);
    if (ns == "env") {
      std::optional<std::string> value = scope.env ? scope.env(key) : std::nullopt;
      if (!value && scope.unsetEnvIsWarning) {
        out.warnings.push_back("environment variable '" + key + "' is not set (referenced as " + ref +
                               "); plan and apply need it");
        out.value += ref;
        continue;
      }
      if (!value) {
        out.errors.push_back("environment variable '" + key + "' is not set (referenced as " + ref + ")");
        continue;
      }
      out.usedEnv = true;
      out.value += *value;
      if (!scope.publicEnv.count(key) && !value->empty()) out.sensitiveParts.push_back(*value);
      continue;
    }
    if (auto it = scope.vars.find(key); it != scope.vars.end()) {
      out.value += it->second;
      if (scope.sensitiveVars.count(key) && !it->second.empty()) out.sensitiveParts.push_back(it->second);
    } else if (scope.declared.count(key)) {
      out.errors.push_back("variable '" + key + "' has no value: give it a default or pass --var " + key +
                           "=VALUE");
    } else {
      // --var can set only a declared variable, so the fix is the declaration first.
      out.errors.push_back("variable '" + key + "' is not declared: declare it under 'variables' (with a default, or "
                           "give its value with --var " + key + "=VALUE)");
    }
  }
  return out;
}

InterpolatedDocument interpolateDocument(json& document, SourceMap& sources, const InterpolationScope& scope,
                                         Diagnostics& diags) {
  InterpolatedDocument out;
  DocumentInterpolator walker(sources, scope, diags, out);
  std::string pointer;
  walker.walk(document, pointer);
  return out;
}

bool parseVarAssignments(const std::vector<std::string>& assignments, std::map<std::string, std::string>& out,
                         Diagnostics& diags) {
  bool ok = true;
  for (const auto& a : assignments) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0 || !validName(std::string_view(a).substr(0, eq), true)) {
      diags.error("--var '" + a.substr(0, eq == std::string::npos ? std::min<std::size_t>(a.size(), 40) : eq) +
                      "' is malformed: expected NAME=VALUE",
                  std::nullopt, "for example --var env=prod");
      ok = false;
      continue;
    }
    out[a.substr(0, eq)] = a.substr(eq + 1);
  }
  return ok;
}

}  // namespace cc::engine
