#include "wheel/dist_info.h"

#include <gtest/gtest.h>

namespace cc::wheel {
namespace {

// Expected values computed independently (Python's hashlib and base64.urlsafe_b64encode,
// '=' stripped).
TEST(DistInfoTest, RecordHashIsUrlSafeBase64OfSha256WithoutPadding) {
  EXPECT_EQ(recordHash(""), "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
  EXPECT_EQ(recordHash("abc"), "sha256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  EXPECT_EQ(recordHash("print(\"hi\")\n"), "sha256=DKkJHrTjH7GrJMjF3pKgjk5fQCkZ-C6jynhPOFNPA_M");
}

TEST(DistInfoTest, RecordListsEveryFileThenItselfWithoutHashOrSize) {
  const std::vector<RecordEntry> entries = {{"pkg/__init__.py", recordHash(""), 0},
                                            {"pkg/a,b.py", recordHash("abc"), 3},
                                            {"pkg/say \"hi\".txt", recordHash("abc"), 3}};
  EXPECT_EQ(recordText(entries, "pkg-1.0.dist-info/RECORD"),
            "pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\n"
            "\"pkg/a,b.py\",sha256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0,3\n"
            "\"pkg/say \"\"hi\"\".txt\",sha256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0,3\n"
            "pkg-1.0.dist-info/RECORD,,\n");
}

TEST(DistInfoTest, MetadataAndWheelFiles) {
  EXPECT_EQ(metadataText("sample-connector", "0.1.0", "A sample"),
            "Metadata-Version: 2.1\nName: sample-connector\nVersion: 0.1.0\nSummary: A sample\n");
  EXPECT_EQ(metadataText("x", "1", ""), "Metadata-Version: 2.1\nName: x\nVersion: 1\n");
  EXPECT_EQ(wheelText(),
            "Wheel-Version: 1.0\nGenerator: community-connector\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
}

}  // namespace
}  // namespace cc::wheel
