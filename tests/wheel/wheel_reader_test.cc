#include "wheel/wheel_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "wheel/wheel_builder.h"

namespace cc::wheel {
namespace {

namespace fs = std::filesystem;

const fs::path kReaderFixture = fs::path(CC_TESTS_DIR) / "fixtures/wheel/sample_connector";

BuiltWheel readerSampleWheel(std::vector<std::string> excluded = {}) {
  WheelInput in;
  in.sourceDir = kReaderFixture;
  in.distribution = "sample";
  in.version = "0.1.0";
  in.packagePath = "pkg/sample_connector";
  in.excludedFolders = std::move(excluded);
  auto built = buildWheel(in);
  EXPECT_TRUE(built.ok()) << built.diagnostics().items().front().summary;
  return built.ok() ? *built : BuiltWheel{};
}

TEST(WheelReader, ListsWhatTheBuilderWrote) {
  const BuiltWheel wheel = readerSampleWheel();
  auto names = zipEntryNames(wheel.bytes, "sample.whl");
  ASSERT_TRUE(names.ok()) << names.diagnostics().items().front().summary;
  for (const auto& e : wheel.entries)
    EXPECT_NE(std::find(names->begin(), names->end(), e), names->end()) << e;
  EXPECT_TRUE(holdsFolder(*names, "pkg/sample_connector/tables/"));
  EXPECT_FALSE(holdsFolder(*names, "pkg/other/"));
}

TEST(WheelReader, RefusesWhatIsNoZipWithItsLocation) {
  // Empty, text, "PK" without the closing record, and an empty archive (the closing record alone).
  const std::string emptyArchive = std::string("PK\x05\x06", 4) + std::string(18, '\0');
  for (const std::string& bytes : {std::string(), std::string("not a zip archive\n"), std::string("PK") + std::string(40, '\0'),
                                   emptyArchive}) {
    auto names = zipEntryNames(bytes, "dist/bad.whl");
    ASSERT_FALSE(names.ok());
    const auto& d = names.diagnostics().items().front();
    EXPECT_NE(d.summary.find("not a wheel"), std::string::npos) << d.summary;
    ASSERT_TRUE(d.range.has_value());
    EXPECT_EQ(d.range->file, "dist/bad.whl");
    EXPECT_FALSE(d.detail.empty());
  }
}

TEST(WheelReader, ReadsAWheelFileAndRefusesWhatIsNoneOrTooLarge) {
  const auto dir = std::filesystem::temp_directory_path() / ("cc-wheel-file-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const BuiltWheel sample = readerSampleWheel();
  auto written = writeWheel(sample, dir);
  ASSERT_TRUE(written.ok());
  auto read = readWheelFile(*written);
  ASSERT_TRUE(read.ok()) << read.diagnostics().items().front().summary;
  EXPECT_EQ(read->bytes, sample.bytes);
  EXPECT_TRUE(holdsFolder(read->entries, "pkg/sample_connector/tables/"));

  for (const std::filesystem::path& none : {dir / "missing.whl", dir, std::filesystem::path("-")}) {
    auto refused = readWheelFile(none);
    ASSERT_FALSE(refused.ok()) << none;
    EXPECT_NE(refused.diagnostics().items().front().summary.find("wheel file not found"), std::string::npos);
  }
  // A sparse file past the limit is refused by its size, before a byte is read.
  const auto huge = dir / "huge.whl";
  { std::ofstream(huge).put('P'); }
  std::filesystem::resize_file(huge, kMaxWheelBytes + 1);
  auto tooLarge = readWheelFile(huge);
  ASSERT_FALSE(tooLarge.ok());
  const auto& d = tooLarge.diagnostics().items().front();
  EXPECT_NE(d.summary.find("more than the 64 MiB a wheel may have"), std::string::npos) << d.summary;
  ASSERT_TRUE(d.range.has_value());
  EXPECT_EQ(d.range->file, huge.string());
  std::filesystem::remove_all(dir);
}

TEST(WheelBuilderExclusion, LeavesOutTheNamedFoldersOnly) {
  const BuiltWheel all = readerSampleWheel();
  const BuiltWheel without = readerSampleWheel({"tables"});
  EXPECT_TRUE(holdsFolder(all.entries, "pkg/sample_connector/tables/"));
  EXPECT_FALSE(holdsFolder(without.entries, "pkg/sample_connector/tables/"));
  EXPECT_NE(std::find(without.entries.begin(), without.entries.end(), "pkg/sample_connector/greeting.py"),
            without.entries.end());
}

}  // namespace
}  // namespace cc::wheel
