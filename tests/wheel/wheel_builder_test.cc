#include "wheel/wheel_builder.h"

#include <Poco/DateTime.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "engine/content_digest.h"
#include "wheel/dist_info.h"
#include "wheel/scratch_folder.h"

namespace cc::wheel {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(CC_TESTS_DIR) / "fixtures/wheel/sample_connector";

WheelInput sampleInput(const fs::path& source = kFixture) {
  WheelInput in;
  in.sourceDir = source;
  in.distribution = "Sample-Connector";
  in.version = "0.1.0";
  in.packagePath = "sample_connector";
  in.summary = "A sample connector";
  return in;
}

// Each file of the archive and its content, read back with Poco's reader.
std::map<std::string, std::string> unzip(const std::string& bytes, std::vector<Poco::DateTime>* times = nullptr) {
  std::istringstream in(bytes, std::ios::binary);
  const Poco::Zip::ZipArchive archive(in);
  std::map<std::string, std::string> files;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    if (times != nullptr) times->push_back(it->second.lastModifiedAt());
    if (it->second.isDirectory()) continue;
    std::istringstream again(bytes, std::ios::binary);
    Poco::Zip::ZipInputStream entry(again, it->second);
    std::ostringstream content;
    Poco::StreamCopier::copyStream(entry, content);
    files[it->first] = content.str();
  }
  return files;
}

class WheelBuilderTest : public ScratchFolderTest {
 protected:
  // A copy of the fixture that a test may change.
  fs::path copyOfFixture() const {
    const fs::path copy = root() / "sample_connector";
    fs::copy(kFixture, copy, fs::copy_options::recursive);
    return copy;
  }
};

TEST_F(WheelBuilderTest, HoldsThePackageThenTheDistInfoWithRecordLast) {
  auto wheel = buildWheel(sampleInput());
  ASSERT_TRUE(wheel.ok()) << wheel.diagnostics().items().front().summary;
  EXPECT_EQ(wheel->fileName, "sample_connector-0.1.0-py3-none-any.whl");
  EXPECT_EQ(wheel->entries, (std::vector<std::string>{
                                "sample_connector/__init__.py", "sample_connector/connector_spec.yaml",
                                "sample_connector/greeting.py", "sample_connector/tables/__init__.py",
                                "sample_connector/tables/schema.py", "sample_connector-0.1.0.dist-info/METADATA",
                                "sample_connector-0.1.0.dist-info/WHEEL", "sample_connector-0.1.0.dist-info/RECORD"}));
  EXPECT_EQ(wheel->sha256, engine::sha256Hex(wheel->bytes));
}

TEST_F(WheelBuilderTest, RecordListsEveryFileWithItsDigestAndSize) {
  auto wheel = buildWheel(sampleInput());
  ASSERT_TRUE(wheel.ok());
  const auto files = unzip(wheel->bytes);
  const std::string record = files.at("sample_connector-0.1.0.dist-info/RECORD");
  std::size_t lines = 0;
  for (const auto& [path, content] : files) {
    if (path.ends_with("/RECORD")) continue;
    const std::string line = path + "," + recordHash(content) + "," + std::to_string(content.size()) + "\n";
    EXPECT_NE(record.find(line), std::string::npos) << line;
    ++lines;
  }
  EXPECT_EQ(lines, 7u);
  EXPECT_TRUE(record.ends_with("\nsample_connector-0.1.0.dist-info/RECORD,,\n"));
  EXPECT_EQ(files.at("sample_connector-0.1.0.dist-info/METADATA"),
            "Metadata-Version: 2.1\nName: Sample-Connector\nVersion: 0.1.0\nSummary: A sample connector\n");
  EXPECT_EQ(files.at("sample_connector/tables/__init__.py"), "");
}

TEST_F(WheelBuilderTest, SameInputGivesTheSameBytesWhateverTheFileTimes) {
  const fs::path copy = copyOfFixture();
  auto first = buildWheel(sampleInput(copy));
  fs::last_write_time(copy / "greeting.py", fs::file_time_type::clock::now() - std::chrono::hours(1000));
  auto second = buildWheel(sampleInput(copy));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->bytes, second->bytes);
  EXPECT_EQ(first->sha256, second->sha256);
  put("sample_connector/greeting.py", "def greet(name):\n    return 'hi, ' + name\n");
  auto changed = buildWheel(sampleInput(copy));
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed->sha256, first->sha256);
}

// Sets or unsets SOURCE_DATE_EPOCH for one test and puts back what the environment had.
class SourceDateEpoch {
 public:
  SourceDateEpoch() {
    if (const char* v = std::getenv("SOURCE_DATE_EPOCH")) saved_ = v;
  }
  ~SourceDateEpoch() { set(saved_); }
  SourceDateEpoch(const SourceDateEpoch&) = delete;
  SourceDateEpoch& operator=(const SourceDateEpoch&) = delete;
  void set(const std::optional<std::string>& value) {
    if (value) ::setenv("SOURCE_DATE_EPOCH", value->c_str(), 1);
    else ::unsetenv("SOURCE_DATE_EPOCH");
  }

 private:
  std::optional<std::string> saved_;
};

TEST_F(WheelBuilderTest, EveryEntryCarriesTheFixedTime) {
  SourceDateEpoch epoch;
  epoch.set(std::nullopt);
  auto wheel = buildWheel(sampleInput());
  ASSERT_TRUE(wheel.ok());
  std::vector<Poco::DateTime> times;
  unzip(wheel->bytes, &times);
  ASSERT_FALSE(times.empty());
  for (const Poco::DateTime& t : times) EXPECT_EQ(t, Poco::DateTime(1980, 1, 1));

  epoch.set("1700000000");  // 2023-11-14 22:13:20 UTC
  auto dated = buildWheel(sampleInput());
  epoch.set("yesterday");
  auto bad = buildWheel(sampleInput());
  ASSERT_TRUE(dated.ok());
  times.clear();
  unzip(dated->bytes, &times);
  EXPECT_EQ(times.front(), Poco::DateTime(2023, 11, 14, 22, 13, 20));
  EXPECT_NE(dated->sha256, wheel->sha256);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics().items().front().summary, "SOURCE_DATE_EPOCH is not a whole number of seconds");
}

TEST_F(WheelBuilderTest, ExtraFilesJoinThePackageAndTheRecord) {
  WheelInput in = sampleInput();
  in.packagePath = "databricks/labs/community_connector/sources/sample";
  in.extraFiles = {{"databricks/__init__.py", ""}, {"databricks/labs/__init__.py", "# namespace\n"}};
  auto wheel = buildWheel(in);
  ASSERT_TRUE(wheel.ok());
  EXPECT_EQ(wheel->entries.front(), "databricks/__init__.py");
  const auto files = unzip(wheel->bytes);
  EXPECT_EQ(files.at("databricks/labs/__init__.py"), "# namespace\n");
  EXPECT_EQ(files.count("databricks/labs/community_connector/sources/sample/greeting.py"), 1u);
  EXPECT_NE(files.at("sample_connector-0.1.0.dist-info/RECORD").find("databricks/labs/__init__.py,sha256="), std::string::npos);
}

TEST_F(WheelBuilderTest, InvalidInputIsReportedAllAtOnce) {
  WheelInput in = sampleInput();
  in.distribution = "bad name";
  in.version = "v1";
  in.packagePath = "sample-connector/../x";
  in.summary = "two\nlines";
  in.extraFiles = {{"../escape.py", ""}, {"x-1.dist-info/RECORD", ""}};
  auto wheel = buildWheel(in);
  ASSERT_FALSE(wheel.ok());
  std::vector<std::string> summaries;
  for (const auto& d : wheel.diagnostics().items()) summaries.push_back(d.summary);
  EXPECT_EQ(summaries, (std::vector<std::string>{
                           "invalid distribution name \"bad name\"", "invalid version \"v1\"",
                           "invalid package path \"sample-connector/../x\"", "the summary must be one line",
                           "invalid extra file path \"../escape.py\"", "invalid extra file path \"x-1.dist-info/RECORD\""}));
}

TEST_F(WheelBuilderTest, RefusesAnExtraFileThatShadowsASourceFile) {
  WheelInput in = sampleInput();
  in.extraFiles = {{"sample_connector/greeting.py", "greet = None\n"}};
  auto wheel = buildWheel(in);
  ASSERT_FALSE(wheel.ok());
  EXPECT_EQ(wheel.diagnostics().items().front().summary, "two files for \"sample_connector/greeting.py\" in the wheel");
}

TEST_F(WheelBuilderTest, RefusesASourceFolderOverTheLimits) {
  WheelInput in = sampleInput();
  in.limits.maxFiles = 3;
  auto wheel = buildWheel(in);
  ASSERT_FALSE(wheel.ok());
  EXPECT_EQ(wheel.diagnostics().items().front().summary, "source folder has more than 3 files");
}

TEST_F(WheelBuilderTest, WritesTheWheelUnderItsFileName) {
  auto wheel = buildWheel(sampleInput());
  ASSERT_TRUE(wheel.ok());
  auto written = writeWheel(*wheel, root() / "dist");
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, root() / "dist" / "sample_connector-0.1.0-py3-none-any.whl");
  std::ifstream in(*written, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str(), wheel->bytes);
  EXPECT_FALSE(fs::exists(root() / "dist" / "sample_connector-0.1.0-py3-none-any.whl.partial"));
}

}  // namespace
}  // namespace cc::wheel
