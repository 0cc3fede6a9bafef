#include "engine/yaml_fast_path.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/yaml_event_recorder.h"

#ifndef CC_SOURCE_DIR
#define CC_SOURCE_DIR "."
#endif

namespace cc::engine {
namespace {

using test_support::YamlEventRecorder;
using test_support::yamlCppEvents;

std::string joined(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) out += e + "\n";
  return out;
}

// Runs both parsers; whenever the fast path accepts, its events must be yaml-cpp's. Returns
// whether the fast path accepted.
bool expectSameEventsWhenAccepted(const std::string& text) {
  YamlEventRecorder fast;
  const bool accepted = parseYamlFastPath(text, fast);
  if (!accepted) return false;
  const auto reference = yamlCppEvents(text);
  if (!reference) {
    ADD_FAILURE() << "the fast path accepted a text yaml-cpp refuses:\n" << text;
    return true;
  }
  EXPECT_EQ(joined(fast.events), joined(*reference)) << "for the text:\n" << text;
  return true;
}

enum class Expect { Accepted, Either };

struct Snippet {
  const char* name;
  std::string text;
  Expect expect;
};

void PrintTo(const Snippet& s, std::ostream* os) { *os << s.name; }

constexpr Expect kMust = Expect::Accepted;  // in the subset: the fast path must handle it
constexpr Expect kMay = Expect::Either;     // may bail; if handled, must agree

const std::vector<Snippet>& snippets() {
  static const std::vector<Snippet> all = {
      // Block mappings and scalars.
      {"simple_map", "a: b\n", kMust},
      {"two_keys", "a: b\nc: d\n", kMust},
      {"no_final_newline", "a: b\nc: d", kMust},
      {"comment_after_value", "key: value # comment\n", kMust},
      {"hash_glued_to_plain", "a: b#c\n", kMust},
      {"hash_after_spaces", "a: b    # c\n", kMust},
      {"url_value", "url: https://x.y/z\n", kMust},
      {"colon_inside_plain", "a: b:c\n", kMust},
      {"colon_at_plain_start", "a: :x\n", kMust},
      {"question_at_plain_start", "a: ?x\n", kMust},
      {"dash_at_plain_start", "a: -x\n", kMust},
      {"negative_number", "a: -1\n", kMust},
      {"float", "a: 1.5e3\n", kMust},
      {"bool", "a: true\n", kMust},
      {"trailing_spaces", "a: b   \nc: d  \n", kMust},
      {"inner_spaces", "a: b  c   d\n", kMust},
      {"key_with_spaces", "key with spaces: v\n", kMust},
      {"space_before_colon", "a : b\n", kMust},
      {"dollar_braces_in_plain", "a: ${env.X}\nb_${var.y}: z\n", kMust},
      {"braces_in_block_plain", "a: x{y}z[w]\n", kMust},
      {"quote_inside_plain", "a: it's \"so\"\n", kMust},
      {"dashes_inside_plain", "a: b - c --- d\n", kMust},
      {"non_ascii_plain", "é: ü 日本\nb: x\n", kMust},
      {"key_trailing_colon", "key with trailing colon:\n", kMust},
      {"colon_colon", "a:: b\n", kMay},
      {"value_is_key", "a: b: c\n", kMay},
      {"colon_end_value", "a: b:\n", kMay},
      {"dash_key", "-: x\n", kMay},
      {"question_key", "?: x\n", kMay},
      {"colon_key", ":: x\n", kMay},
      {"double_dash_key", "-- x\n", kMay},
      {"quoted_root_scalar", "\"a\"\n", kMay},
      {"quoted_root_then_text", "\"a\" # c\nb\n", kMay},
      {"flow_root_key", "{a: [b]}: c\n", kMay},
      {"flow_value_then_colon", "a: [b]: c\n", kMay},
      // Null values and their marks.
      {"empty_value", "a:\nb: 1\n", kMust},
      {"empty_value_last", "a: 1\nb:\n", kMust},
      {"empty_value_eof", "a: 1\nb:", kMust},
      {"empty_value_trailing_spaces_eof", "a: 1\nb:   ", kMust},
      {"empty_value_comment_eof", "a: 1\nb:  # c", kMust},
      {"empty_value_blank_lines", "a: 1\nb:\n\n\n", kMust},
      {"empty_value_spaces_line", "a: 1\nb:\n   ", kMust},
      {"empty_value_before_dedent", "a:\n  b:\nc: 1\n", kMust},
      {"empty_value_deep_dedent", "a:\n  b:\n    c:\n  d: 1\n", kMust},
      {"empty_value_then_comment", "a:\n# c\nb: 1\n", kMust},
      {"empty_only_key", "a:", kMust},
      {"tilde", "a: ~\n", kMust},
      {"null_spellings", "a: null\nb: Null\nc: NULL\nd: nULL\n", kMust},
      {"quoted_tilde", "a: '~'\nb: \"null\"\n", kMust},
      {"null_key", "~: a\nnull: b\n", kMust},
      // Quoted scalars.
      {"double_quoted_key", "\"quoted key\": v\n", kMust},
      {"single_quoted_key", "'k': v\n", kMust},
      {"quoted_key_space_colon", "\"c\" : d\n", kMust},
      {"quoted_colon_space", "a: \"x: y\"\n", kMust},
      {"single_quote_escape", "a: 'it''s'\n", kMust},
      {"empty_quotes", "a: ''\nb: \"\"\n", kMust},
      {"quoted_spaces", "a: '  x  '\n", kMust},
      {"quoted_hash", "a: 'x # y'\n", kMust},
      {"quoted_then_comment", "a: 'x' # y\n", kMust},
      {"quoted_glued_hash", "a: 'x'#y\n", kMay},
      {"quoted_then_text", "a: 'x' y\n", kMay},
      {"quoted_key_glued_colon", "'a':b\n", kMay},
      {"escapes_common", "a: \"l1\\nl2\\tx\\\"q\\\\b\\/\"\n", kMust},
      {"escapes_rare", "a: \"\\0\\a\\b\\e\\f\\r\\v\\ \"\n", kMust},
      {"escape_u", "a: \"\\u00e9\\u20AC\"\n", kMust},
      {"escape_x", "a: \"\\x41\\xe9\"\n", kMust},
      {"escape_U", "a: \"\\U0001F600\"\n", kMust},
      {"escape_N", "a: \"\\N\\_\\L\\P\"\n", kMay},
      {"escape_surrogate", "a: \"\\ud800\"\n", kMay},
      {"escape_unknown", "a: \"\\q\"\n", kMay},
      {"escape_short_hex", "a: \"\\x4\"\n", kMay},
      {"unterminated_quote", "a: 'x\n", kMay},
      {"multiline_single_quote", "a: 'x\n  y'\n", kMay},
      {"multiline_double_quote", "a: \"x\n  y\"\n", kMay},
      // Nested block mappings.
      {"nested_map", "a:\n  b: 1\n  c: 2\nd: 3\n", kMust},
      {"nested_after_comment", "a:   # c\n  b: 1\n", kMust},
      {"deep_nesting", "a:\n  b:\n    c:\n      d: 1\n  e: 2\n", kMust},
      {"indented_root", "\n# x\n\n  a: 1\n  b:\n", kMust},
      {"scalar_on_next_line", "a:\n  x\nb: 1\n", kMust},
      {"multiline_plain", "a: b\n  c\n", kMay},
      {"multiline_plain_blank", "a: b\n\n  c\n", kMay},
      {"multiline_plain_next_line", "a:\n  x\n  y\n", kMay},
      {"indented_comment_after_plain", "a: b\n  # c\nd: e\n", kMust},
      {"misindented_key", "a: 1\n b: 2\n", kMay},
      {"misindented_dedent", "a:\n    b: 1\n  c: 2\n", kMay},
      {"root_map_then_less_indent", "  a: 1\nb: 2\n", kMay},
      {"long_key", std::string(1100, 'k') + ": v\n", kMay},
      {"long_value", "k: " + std::string(3000, 'v') + "\n", kMust},
      // Block sequences.
      {"root_sequence", "- a\n- b\n", kMust},
      {"indented_root_sequence", "  - a\n  - b\n", kMust},
      {"seq_at_key_indent", "key:\n- a\n- b\nnext: 1\n", kMust},
      {"seq_indented", "key:\n  - a\n  - b\nnext: 1\n", kMust},
      {"empty_items", "- \n- a\n-\n", kMust},
      {"empty_item_eof", "- a\n-", kMust},
      {"empty_items_in_map", "a:\n  - \n  - \nb:", kMust},
      // At the end of the text the null's column depends on the last line's spaces.
      {"eof_spaces_short_of_map", "- a:\n ", kMust},
      {"eof_spaces_at_map", "- a:\n  ", kMust},
      {"eof_spaces_at_seq", "a:\n  - x\n  -\n  ", kMust},
      {"eof_spaces_short_of_seq", "a:\n  - x\n  -\n ", kMust},
      {"eof_spaces_past_seq", "a:\n  - x\n  -\n   ", kMust},
      {"eof_comment_line", "a:\n  b:\n # c", kMust},
      {"compact_map", "- key: v\n  other: w\n", kMust},
      {"compact_maps", "- a: 1\n  b: 2\n-  c: 3\n", kMust},
      {"compact_map_with_seq", "- a:\n  - x\n  - y\n- b\n", kMust},
      {"compact_map_seq_then_key", "- a:\n  - x\n  b: 1\n", kMust},
      {"compact_map_nested", "- table:\n    source_table: pulls\n  x: 1\n", kMust},
      {"item_on_next_line", "-\n  a: 1\n- b\n", kMust},
      {"dash_key_after_seq", "k:\n- x\n-a: b\n", kMust},
      {"seq_of_flow", "- [a, b]\n- {c: d}\n", kMust},
      {"seq_negative", "- -1\n", kMust},
      {"seq_compact_quoted_keys", "- \"a\": 1\n  \"b\": 2\n", kMust},
      {"compact_map_then_dash", "- a: 1\n  - b\n", kMay},
      {"seq_quoted", "- 'a'\n- \"b\"\n", kMust},
      {"nested_compact_seq", "- - x\n", kMay},
      {"seq_then_key_root", "- a\nb: 1\n", kMay},
      {"seq_then_key_nested", "a:\n  - x\n  b: 1\n", kMay},
      {"seq_continuation", "- x\n  y\n", kMay},
      {"seq_misindented", "- a\n - b\n", kMay},
      {"value_seq_same_line", "a: - b\n", kMay},
      {"flow_key_in_seq", "- [a]: b\n", kMay},
      // Flow collections.
      {"empty_flow_seq", "a: [ ]\n", kMust},
      {"empty_flow_map", "a: {}\n", kMust},
      {"nested_flow_seq", "a: [1, 2, [3]]\n", kMust},
      {"root_flow_map", "{a: b, c: d}\n", kMust},
      {"root_flow_seq", "[a, b]\n", kMust},
      {"flow_value_spaces", "{ pipelines.trigger.interval: 1 hour }\n", kMust},
      {"nested_flow", "a: { a: { b: [x, y] } }\n", kMust},
      {"flow_quoted", "a: ['x, y', \"z]\"]\n", kMust},
      {"flow_quoted_key", "{\"d\" : e, 'f': g}\n", kMust},
      {"flow_colon_in_plain", "a: [https://a.b, c:d, -1, x y]\n", kMust},
      {"flow_map_colon_in_value", "{a: b:c}\n", kMust},
      {"flow_hash_glued", "[a#b, c]\n", kMust},
      {"flow_empty_value", "{a: }\n", kMust},
      {"flow_empty_value_comma", "{a: , b: c}\n", kMust},
      {"flow_then_comment", "a: [x] # c\n", kMust},
      {"flow_nulls", "[~, null, '']\n", kMust},
      {"flow_dup_keys", "{a: 1, a: 2}\n", kMust},
      {"flow_table_config", "t: {scd_type: SCD_TYPE_2, primary_keys: [id]}\n", kMust},
      {"flow_dollar_braces", "a: {b: ${x}}\n", kMay},
      {"flow_question", "a: [a?b]\n", kMay},
      {"flow_key_no_value", "{a}\n", kMay},
      {"flow_pair_in_seq", "[a: b]\n", kMay},
      {"flow_trailing_comma", "[a, ]\n", kMay},
      {"flow_trailing_comma_map", "{a: b,}\n", kMay},
      {"flow_empty_entry", "[a, , b]\n", kMay},
      {"flow_multiline", "a: [x,\n  y]\n", kMay},
      {"flow_comment_inside", "a: [x, # c\n  y]\n", kMay},
      {"flow_unclosed", "a: [x\n", kMay},
      {"flow_text_after", "a: [x] y\n", kMay},
      {"flow_hash_after", "a: [x]#c\n", kMay},
      {"flow_json_colon", "{\"a\":1}\n", kMay},
      {"flow_colon_before_comma", "{a:, b: c}\n", kMay},
      {"flow_next_line", "a:\n  [x, y]\nb: 1\n", kMust},
      // Comments and blank lines everywhere.
      {"comments_everywhere", "# head\n\na: 1 # x\n\n  # indented\nb:\n  # in\n  - x # y\n\n  - y\n# tail\n", kMust},
      {"only_comments", "# nothing\n\n", kMay},
      {"empty", "", kMay},
      {"root_scalar", "hello\n", kMust},
      {"root_scalar_comment", "x\n# c\n", kMust},
      {"root_multiline_scalar", "x\ny\n", kMay},
      // Everything outside the subset.
      {"crlf", "a: b\r\nc: d\r\n", kMay},
      {"bom", "\xEF\xBB\xBF" "a: b\n", kMay},
      {"tab_indent", "a:\n\tb: 1\n", kMay},
      {"tab_in_value", "a: b\tc\n", kMay},
      {"doc_start", "---\na: b\n", kMay},
      {"doc_end", "a: b\n...\n", kMay},
      {"two_docs", "a: b\n---\nc: d\n", kMay},
      {"directive", "%YAML 1.2\n---\na: b\n", kMay},
      {"anchor_alias", "a: &x 1\nb: *x\n", kMay},
      {"tag", "a: !!str 1\n", kMay},
      {"local_tag", "a: !foo 1\n", kMay},
      {"literal_block", "a: |\n  x\n  y\n", kMay},
      {"folded_block", "a: >\n  x\n  y\n", kMay},
      {"complex_key", "? a\n: b\n", kMay},
      {"at_sign", "a: @x\n", kMay},
      {"backtick", "a: `x`\n", kMay},
      {"percent", "a: %x\n", kMay},
      {"pipe_plain", "a: |x\n", kMay},
      {"gt_plain", "a: >x\n", kMay},
      {"ampersand_plain", "a: &\n", kMay},
      {"star_plain", "a: *\n", kMay},
      {"comma_plain", "a: ,x\n", kMay},
      {"close_bracket_plain", "a: ]x\n", kMay},
      {"lone_dash_value", "a: -\n", kMay},
      {"question_space", "a: ? x\n", kMay},
      {"colon_space_value", "a: : x\n", kMay},
      {"merge_key", "a:\n  <<: {b: 1}\n", kMust},
      // yaml-cpp passes bytes through: non-ASCII is text wherever it is (the loader rejects
      // invalid UTF-8 before parsing).
      {"non_ascii_first_byte", "\xC3\xA9: x\n", kMay},
      {"bom_inside_text", "a: \xEF\xBB\xBF" "b\n", kMay},
      {"nel_inside_plain", "a: b\xC2\x85" "c\nd: e\n", kMay},
      {"line_separator_inside_plain", "a: b\xE2\x80\xA8" "c\n", kMay},
      {"invalid_utf8", "\x80" "a: \xF8\n", kMay},
      {"nul_byte", std::string("a: b\0c\n", 7), kMay},
      {"control_char", "a: b\x01" "c\n", kMay},
      {"del_char", "a: b\x7F" "c\n", kMay},
  };
  return all;
}

class YamlFastPathSnippet : public ::testing::TestWithParam<Snippet> {};

TEST_P(YamlFastPathSnippet, AgreesWithYamlCpp) {
  const Snippet& s = GetParam();
  const bool accepted = expectSameEventsWhenAccepted(s.text);
  if (s.expect == Expect::Accepted) {
    EXPECT_TRUE(accepted) << "the fast path bailed on:\n" << s.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Snippets, YamlFastPathSnippet, ::testing::ValuesIn(snippets()),
                         [](const ::testing::TestParamInfo<Snippet>& info) {
                           return std::string(info.param.name);
                         });

// Every accepted snippet is also a fine prefix test: cutting the text anywhere must give
// either a bail or yaml-cpp's events for the shorter text.
TEST(YamlFastPath, AgreesOnEveryPrefixOfTheSnippets) {
  for (const auto& s : snippets())
    for (std::size_t n = 0; n < s.text.size(); ++n) expectSameEventsWhenAccepted(s.text.substr(0, n));
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(YamlFastPath, AgreesOnTheRepositoryYamlFiles) {
  namespace fs = std::filesystem;
  const fs::path root = CC_SOURCE_DIR;
  int files = 0, accepted = 0;
  for (const char* folder : {"examples", "tests"}) {
    for (auto it = fs::recursive_directory_iterator(root / folder);
         it != fs::recursive_directory_iterator(); ++it) {
      const std::string name = it->path().filename().string();
      if (it->is_directory() && name.rfind("build", 0) == 0) {
        it.disable_recursion_pending();
        continue;
      }
      const std::string ext = it->path().extension().string();
      if (!it->is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
      SCOPED_TRACE(it->path().string());
      ++files;
      if (expectSameEventsWhenAccepted(readFile(it->path()))) ++accepted;
    }
  }
  EXPECT_GT(files, 20);
  // Most test files are valid manifests; the deliberately broken ones must be bailed on.
  EXPECT_GT(accepted, files / 2);
}

TEST(YamlFastPath, AcceptsTheExampleManifests) {
  const std::string dir = std::string(CC_SOURCE_DIR) + "/examples/";
  for (const char* file : {"minimal.yaml", "multi_source.yaml", "specs/github.yaml",
                           "specs/mixpanel.yaml"}) {
    SCOPED_TRACE(file);
    const std::string text = readFile(dir + file);
    ASSERT_FALSE(text.empty());
    EXPECT_TRUE(expectSameEventsWhenAccepted(text));
  }
}

// The shape of a large real manifest: many connections and pipelines with nested flow values.
std::string generatedManifest(int n) {
  const int connections = n / 2;
  const int pipelines = n - connections;
  std::string out = "version: 1\nvariables:\n  env: {default: bench}\nconnections:\n";
  for (int i = 0; i < connections; ++i) {
    const std::string id = std::to_string(i);
    out += "  conn_" + id +
           ":\n    source: github\n    comment: bench connection\n    options:\n"
           "      token: ${env.BENCH_TOKEN}\n      base_url: https://api.github.com\n";
  }
  out += "pipelines:\n";
  for (int i = 0; i < pipelines; ++i) {
    const std::string id = std::to_string(i);
    out += "  ingest_" + id + "_${var.env}:\n    source: github\n    connection: conn_" +
           std::to_string(i % connections) + "\n    schema: raw_" + id +
           "\n    objects:\n      - table: {source_table: issues}\n      - table:\n"
           "          source_table: pulls\n"
           "          table_configuration: {scd_type: SCD_TYPE_2, primary_keys: [id]}\n"
           "    run: {after_apply: true, wait: false}\n";
  }
  return out;
}

TEST(YamlFastPath, AcceptsALargeGeneratedManifest) {
  EXPECT_TRUE(expectSameEventsWhenAccepted(generatedManifest(2000)));
}

// The loader's handler may throw (budgets, duplicate keys): the exception must come out of the
// fast path unchanged.
TEST(YamlFastPath, LetsHandlerExceptionsThrough) {
  struct Throwing : YamlEventRecorder {
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string& v) override {
      if (v == "boom") throw std::runtime_error("stop");
    }
  } handler;
  EXPECT_THROW(parseYamlFastPath("a:\n  - x\n  - {b: boom}\n", handler), std::runtime_error);
}

}  // namespace
}  // namespace cc::engine
