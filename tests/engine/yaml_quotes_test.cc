// A quote left open must not swallow the rest of a manifest; quotes that are text must not be
// taken for openings.
#include "engine/yaml_quotes.h"

#include <gtest/gtest.h>

#include "engine/manifest_loader.h"

namespace cc::engine {
namespace {

std::size_t offsetOf(std::string_view text, std::string_view what) { return text.find(what); }

TEST(YamlQuotes, FindsAQuoteLeftOpenInBlockAndFlowContext) {
  const std::string block = "version: 1\nconnections:\n  a:\n    source: \"github\n    options: {}\npipelines: {}\n";
  auto open = findUnterminatedQuote(block);
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->offset, offsetOf(block, "\"github"));
  EXPECT_EQ(open->quote, '"');

  const std::string single = "a: 'it''s open\nb: 2\n";
  ASSERT_TRUE(findUnterminatedQuote(single).has_value());
  EXPECT_EQ(findUnterminatedQuote(single)->quote, '\'');

  const std::string flow = "a: [\"x\", \"y]\nb: 2\n";
  ASSERT_TRUE(findUnterminatedQuote(flow).has_value());
  EXPECT_EQ(findUnterminatedQuote(flow)->offset, offsetOf(flow, "\"y"));
  EXPECT_TRUE(findUnterminatedQuote("key: \"\\\"\n").has_value()) << "an escaped quote does not close";
  // Closed only by a quote on a later key's line: the next key was swallowed.
  const std::string swallowed = "a:\n  source: \"github\n  options: { token: \"x\" }\n";
  ASSERT_TRUE(findUnterminatedQuote(swallowed).has_value());
  EXPECT_EQ(findUnterminatedQuote(swallowed)->offset, offsetOf(swallowed, "\"github"));
}

TEST(YamlQuotes, QuotesThatAreTextAreNotOpenings) {
  for (const char* text : {"a: it's fine\nb: \"closed\"\n", "a: \"multi\n  line\"\nb: 1\n", "a: 'it''s'\n",
                           "# don't \"worry\"\na: 1 # it's a comment\n", "url: http://x/\"y\n",
                           "d: |\n  \"not a quote\n  'nor this\nb: 1\n", "- >-\n    \"text\n- ok\n",
                           "k: \"a\\\"b\"\n", "m: {\"a\": 'b', c: \"d\"}\n", "q: x\"y\n", ""})
    EXPECT_FALSE(findUnterminatedQuote(text).has_value()) << text;
}

TEST(YamlQuotes, TheLoaderReportsTheLineOfTheOpeningQuote) {
  auto r = loadYaml("version: 1\nconnections:\n  a:\n    source: \"github\n    options: {}\n", "m.yaml");
  ASSERT_FALSE(r.ok());
  const auto& d = r.diagnostics().items().front();
  EXPECT_NE(d.summary.find("unterminated double-quoted string"), std::string::npos) << d.summary;
  ASSERT_TRUE(d.range.has_value());
  EXPECT_EQ(d.range->line, 4);
  EXPECT_EQ(d.range->column, 13);
}

TEST(YamlQuotes, AnEmptyValueIsReportedAtItsKey) {
  auto r = loadYaml("a:\n  source_table:\nb: 1\n", "m.yaml");
  ASSERT_TRUE(r.ok());
  const auto at = r->sources.find("/a/source_table");
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->line, 2);
  EXPECT_EQ(at->column, 3);
}

}  // namespace
}  // namespace cc::engine
