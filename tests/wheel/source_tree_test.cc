#include "wheel/source_tree.h"

#include <gtest/gtest.h>

#include "wheel/scratch_folder.h"

namespace cc::wheel {
namespace {

namespace fs = std::filesystem;

class SourceTreeTest : public ScratchFolderTest {
 protected:
  std::vector<std::string> paths(const SourceLimits& limits = {}) {
    auto files = readSourceTree(root() / "pkg", limits);
    EXPECT_TRUE(files.ok()) << (files.ok() ? "" : files.diagnostics().items().front().summary);
    std::vector<std::string> out;
    if (files.ok()) {
      for (const SourceFile& f : *files) out.push_back(f.relativePath);
    }
    return out;
  }
  std::string refusal(const SourceLimits& limits = {}) {
    auto files = readSourceTree(root() / "pkg", limits);
    if (files.ok()) return "(accepted)";
    return files.diagnostics().items().front().summary;
  }
};

TEST_F(SourceTreeTest, FilesComeSortedWithTheirContent) {
  put("pkg/z.py", "z = 1\n");
  put("pkg/a/b.py", "b = 2\n");
  put("pkg/__init__.py", "");
  auto files = readSourceTree(root() / "pkg");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].relativePath, "__init__.py");
  EXPECT_EQ((*files)[1].relativePath, "a/b.py");
  EXPECT_EQ((*files)[1].content, "b = 2\n");
  EXPECT_EQ((*files)[2].relativePath, "z.py");
}

TEST_F(SourceTreeTest, SkipsHiddenFilesByteCodeAndCaches) {
  put("pkg/__init__.py", "");
  put("pkg/mod.py", "x = 1\n");
  put("pkg/mod.pyc", "\x42\x0d\x0d\x0a");
  put("pkg/old.pyo", "");
  put("pkg/__pycache__/mod.cpython-311.pyc", "");
  put("pkg/.hidden.py", "");
  put("pkg/.git/config", "");
  put("pkg/sub/.DS_Store", "");
  put("pkg/sub/keep.yaml", "k: v\n");
  EXPECT_EQ(paths(), (std::vector<std::string>{"__init__.py", "mod.py", "sub/keep.yaml"}));
}

TEST_F(SourceTreeTest, ReadsThroughALinkToAFileInsideTheFolder) {
  put("pkg/real.py", "r = 1\n");
  fs::create_symlink("real.py", root() / "pkg/alias.py");
  auto files = readSourceTree(root() / "pkg");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].relativePath, "alias.py");
  EXPECT_EQ((*files)[0].content, "r = 1\n");
}

TEST_F(SourceTreeTest, RefusesALinkThatPointsOutside) {
  put("secret.txt", "password\n");
  put("pkg/__init__.py", "");
  fs::create_symlink("../secret.txt", root() / "pkg/leak.txt");
  auto files = readSourceTree(root() / "pkg");
  ASSERT_FALSE(files.ok());
  const auto& d = files.diagnostics().items().front();
  EXPECT_EQ(d.summary, "symbolic link points outside the source folder");
  ASSERT_TRUE(d.range);
  EXPECT_EQ(d.range->file, (root() / "pkg/leak.txt").string());
}

TEST_F(SourceTreeTest, RefusesLinksToFoldersAndDanglingLinks) {
  put("pkg/sub/a.py", "");
  fs::create_directory_symlink("sub", root() / "pkg/loop");
  EXPECT_EQ(refusal(), "symbolic link to a folder");
  fs::remove(root() / "pkg/loop");
  fs::create_symlink("missing.py", root() / "pkg/dangling.py");
  EXPECT_EQ(refusal(), "symbolic link leads nowhere");
}

TEST_F(SourceTreeTest, RefusesTooManyFilesAndTooManyBytes) {
  for (int i = 0; i < 5; ++i) put("pkg/m" + std::to_string(i) + ".py", std::string(100, 'x'));
  EXPECT_EQ(paths({5, 500}).size(), 5u);
  EXPECT_EQ(refusal({4, 1'000'000}), "source folder has more than 4 files");
  EXPECT_EQ(refusal({100, 499}), "source folder holds more than 499 bytes");
}

TEST_F(SourceTreeTest, RefusesAMissingFolderAndUnportableNames) {
  EXPECT_EQ(refusal(), "source folder not found");
  put("pkg/back\\slash.py", "");
  EXPECT_EQ(refusal(), "file name with a backslash or a control character");
}

}  // namespace
}  // namespace cc::wheel
