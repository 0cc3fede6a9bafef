#include "wheel/wheel_reader.h"

#include <gtest/gtest.h>

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
