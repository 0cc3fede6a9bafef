#include "engine/manifest_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace cc::engine {
namespace {

std::string firstError(const Result<LoadedYaml>& r) {
  return r.ok() ? std::string() : r.diagnostics().items().front().summary;
}
SourceRange firstRange(const Result<LoadedYaml>& r) {
  return r.diagnostics().items().front().range.value_or(SourceRange{});
}

TEST(ManifestLoader, ConvertsScalarsWithTheCoreSchema) {
  auto r = loadYaml("s: hello\nq: 'true'\nb: true\nn: 42\nf: 1.5\nz: ~\ne:\nneg: -7\nver: 1.2.3\n", "m.yaml");
  ASSERT_TRUE(r.ok()) << firstError(r);
  const auto& d = r->document;
  EXPECT_EQ(d["s"], "hello");
  EXPECT_EQ(d["q"], "true");
  EXPECT_EQ(d["b"], true);
  EXPECT_EQ(d["n"], 42);
  EXPECT_DOUBLE_EQ(d["f"].get<double>(), 1.5);
  EXPECT_TRUE(d["z"].is_null());
  EXPECT_TRUE(d["e"].is_null());
  EXPECT_EQ(d["neg"], -7);
  EXPECT_EQ(d["ver"], "1.2.3");
}

TEST(ManifestLoader, ResolvesNumbersExactlyAsTheCoreSchemaPatterns) {
  auto r = loadYaml(
      "a: 1e3\nb: .5\nc: '1.'\nd: 1.\ne: -.5e-3\nf: +12\ng: 0x1F\nh: 0o17\ni: 1e\nj: .\nk: 0x\nl: 0xG\n"
      "m: 1_000\nn: 12abc\no: +\np: 0o8\nq: 99999999999999999999\nr: 1.5E+2\ns: -0\nt: .inf\n",
      "m.yaml");
  ASSERT_TRUE(r.ok()) << firstError(r);
  const auto& d = r->document;
  EXPECT_DOUBLE_EQ(d["a"].get<double>(), 1000);
  EXPECT_DOUBLE_EQ(d["b"].get<double>(), 0.5);
  EXPECT_EQ(d["c"], "1.");
  EXPECT_DOUBLE_EQ(d["d"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(d["e"].get<double>(), -0.0005);
  EXPECT_EQ(d["f"], 12);
  EXPECT_EQ(d["g"], 31);
  EXPECT_EQ(d["h"], 15);
  for (const char* text : {"i", "j", "k", "l", "m", "n", "o", "p"}) EXPECT_TRUE(d[text].is_string()) << text;
  EXPECT_TRUE(d["q"].is_number_float());
  EXPECT_DOUBLE_EQ(d["r"].get<double>(), 150);
  EXPECT_EQ(d["s"], 0);
  EXPECT_TRUE(std::isinf(d["t"].get<double>()));
}

TEST(ManifestLoader, RecordsPositionsOfValuesAndKeys) {
  auto r = loadYaml("version: 1\npipelines:\n  p1:\n    objects:\n      - table: {source_table: a}\n", "m.yaml");
  ASSERT_TRUE(r.ok());
  auto v = r->sources.find("/pipelines/p1/objects/0/table/source_table");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->toString(), "m.yaml:5:31");
  auto k = r->sources.findKey("/pipelines/p1");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->toString(), "m.yaml:3:3");
  EXPECT_EQ(r->sources.find("/pipelines/p1/objects/0")->toString(), "m.yaml:5:9");
}

TEST(ManifestLoader, RefusesDuplicateKeysAtTheSecondOccurrence) {
  auto r = loadYaml("a: 1\nb:\n  x: 1\n  x: 2\n", "m.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(firstError(r), "duplicate key 'x': each key may appear once in a mapping");
  EXPECT_EQ(firstRange(r).toString(), "m.yaml:4:3");
}

TEST(ManifestLoader, RefusesEmptyInput) {
  EXPECT_EQ(firstError(loadYaml("", "m.yaml")), "'m.yaml' is empty");
  EXPECT_EQ(firstError(loadYaml("# only a comment\n\n", "m.yaml")), "'m.yaml' is empty");
  EXPECT_EQ(firstError(loadYaml("---\n", "m.yaml")), "'m.yaml' is empty");
}

TEST(ManifestLoader, RefusesNonMappingDocuments) {
  EXPECT_EQ(firstError(loadYaml("- a\n- b\n", "m.yaml")),
            "the document must be a mapping (key: value pairs), not a sequence");
  EXPECT_EQ(firstError(loadYaml("just text\n", "m.yaml")),
            "the document must be a mapping (key: value pairs), not a scalar");
  LoaderLimits any;
  any.requireMapping = false;
  EXPECT_TRUE(loadYaml("- a\n", "m.yaml", any).ok());
}

TEST(ManifestLoader, RefusesSeveralDocuments) {
  auto r = loadYaml("a: 1\n---\nb: 2\n", "m.yaml");
  EXPECT_EQ(firstError(r), "several YAML documents in one file: keep one document (remove '---')");
  EXPECT_EQ(firstRange(r).line, 2);
}

TEST(ManifestLoader, RefusesNulBytesAndInvalidUtf8WithTheirPosition) {
  auto nul = loadYaml(std::string("a: 1\nb: x\0y\n", 11), "m.yaml");
  EXPECT_EQ(firstError(nul), "the file contains a NUL byte: it is not a YAML text file");
  EXPECT_EQ(firstRange(nul).toString(), "m.yaml:2:5");
  auto bad = loadYaml("a: 1\nb: caf\xe9\n", "m.yaml");
  EXPECT_EQ(firstError(bad), "invalid UTF-8: save the file as UTF-8");
  EXPECT_EQ(firstRange(bad).toString(), "m.yaml:2:7");
  EXPECT_FALSE(loadYaml("a: \xed\xa0\x80\n", "m.yaml").ok());  // an encoded surrogate
  EXPECT_FALSE(loadYaml("a: \xc0\xaf\n", "m.yaml").ok());      // an overlong encoding
  EXPECT_TRUE(loadYaml("a: caf\xc3\xa9 \xf0\x9f\x98\x80\n", "m.yaml").ok());
}

TEST(ManifestLoader, RefusesDeepNesting) {
  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "[";
  for (int i = 0; i < 65; ++i) deep += "]";
  auto r = loadYaml("a: " + deep + "\n", "m.yaml");
  EXPECT_EQ(firstError(r), "nesting deeper than 64 levels: flatten the document");
  std::string ok;
  for (int i = 0; i < 63; ++i) ok += "[";
  for (int i = 0; i < 63; ++i) ok += "]";
  EXPECT_TRUE(loadYaml("a: " + ok + "\n", "m.yaml").ok());
}

TEST(ManifestLoader, RefusesAliasBombsAndExpandsSmallAliases) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  auto r = loadYaml(bomb, "m.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(firstError(r).find("alias expansion"), std::string::npos);

  auto small = loadYaml("base: &b {catalog: main}\np: *b\n", "m.yaml");
  ASSERT_TRUE(small.ok()) << firstError(small);
  EXPECT_EQ(small->document["p"]["catalog"], "main");
}

TEST(ManifestLoader, RefusesAliasesOfALongStringByExpandedSizeNotNodeCount) {
  // About 1,100 nodes, but 100 KB aliased 1,000 times: 100 MB of text once expanded.
  std::string text = "a: &a \"" + std::string(100000, 'x') + "\"\n";
  for (const char* level : {"b", "c", "d"}) {
    const std::string prev(1, static_cast<char>(level[0] - 1));
    text += std::string(level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
    text += "]\n";
  }
  auto r = loadYaml(text, "m.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(firstError(r).find("excessive aliasing"), std::string::npos) << firstError(r);
  EXPECT_NE(firstError(r).find("64 MiB"), std::string::npos) << firstError(r);
  ASSERT_TRUE(r.diagnostics().items().front().range.has_value());
  EXPECT_EQ(r.diagnostics().items().front().range->line, 4) << "the line of the alias that crossed the budget";
}

TEST(ManifestLoader, RefusesInputOverTheSizeLimit) {
  LoaderLimits limits;
  limits.maxBytes = 16;
  auto r = loadYaml("a: 0123456789abcdef\n", "m.yaml", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(firstError(r).find("is larger than"), std::string::npos);
}

TEST(ManifestLoader, ReportsSyntaxErrorsWithPosition) {
  auto r = loadYaml("a: [1, 2\nb: 3\n", "m.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(firstError(r).rfind("invalid YAML: ", 0), 0u);
  EXPECT_TRUE(firstRange(r).known());
}

TEST(ManifestLoader, RefusesComplexKeys) {
  auto r = loadYaml("? [a, b]\n: 1\n", "m.yaml");
  EXPECT_EQ(firstError(r), "mapping keys must be plain strings, not mappings or sequences");
}

TEST(ManifestLoader, ReadSourceTextFailsClearlyForAMissingFile) {
  auto r = readSourceText("/nonexistent/dir/connectors.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics().items().front().summary.rfind("cannot read '/nonexistent/dir/connectors.yaml'", 0), 0u);
}

}  // namespace
}  // namespace cc::engine
