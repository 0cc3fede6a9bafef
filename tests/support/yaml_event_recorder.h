#pragma once
// Records YAML parser events as text lines, and yaml-cpp's events for a text, so that the YAML
// fast path (engine/yaml_fast_path.h) can be compared with yaml-cpp event by event. Shared by
// its unit test and its fuzz target.

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace cc::test_support {

/// One line per event: kind, "line:column@pos" of its mark, tag, anchor, style or value.
class YamlEventRecorder : public YAML::EventHandler {
 public:
  std::vector<std::string> events;

  void OnDocumentStart(const YAML::Mark& mark) override { add("DocStart " + where(mark)); }
  void OnDocumentEnd() override { add("DocEnd"); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add("Null " + where(mark) + " anchor=" + std::to_string(anchor));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add("Alias " + where(mark) + " anchor=" + std::to_string(anchor));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    add("Scalar " + where(mark) + " tag=" + tag + " anchor=" + std::to_string(anchor) + " \"" +
        escaped(value) + "\"");
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    add("SeqStart " + where(mark) + " tag=" + tag + " anchor=" + std::to_string(anchor) +
        " style=" + styleName(style));
  }
  void OnSequenceEnd() override { add("SeqEnd"); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    add("MapStart " + where(mark) + " tag=" + tag + " anchor=" + std::to_string(anchor) +
        " style=" + styleName(style));
  }
  void OnMapEnd() override { add("MapEnd"); }
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    add("Anchor " + where(mark) + " " + name);
  }

 private:
  void add(std::string event) { events.push_back(std::move(event)); }
  static std::string where(const YAML::Mark& m) {
    return std::to_string(m.line) + ":" + std::to_string(m.column) + "@" + std::to_string(m.pos);
  }
  static const char* styleName(YAML::EmitterStyle::value s) {
    switch (s) {
      case YAML::EmitterStyle::Block: return "Block";
      case YAML::EmitterStyle::Flow: return "Flow";
      default: return "Default";
    }
  }
  // Control and non-ASCII bytes as \xNN, so that a difference in them shows in a diff.
  static std::string escaped(const std::string& v) {
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (const char ch : v) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        out += ch;
      } else {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      }
    }
    return out;
  }
};

/// yaml-cpp's events for `text` when it holds exactly one document; nullopt when yaml-cpp
/// throws, finds no document, or finds a second one (the fast path must refuse all of those).
inline std::optional<std::vector<std::string>> yamlCppEvents(std::string_view text) {
  std::istringstream in{std::string(text)};
  YamlEventRecorder first;
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(first)) return std::nullopt;
    YamlEventRecorder second;
    if (parser.HandleNextDocument(second)) return std::nullopt;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return std::move(first.events);
}

}  // namespace cc::test_support
