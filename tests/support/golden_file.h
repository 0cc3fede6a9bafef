#pragma once
// Golden files under tests/fixtures/: the expected text of a rendering, rewritten from the
// actual text when CC_UPDATE_GOLDENS is set (then review the diff before committing).

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace cc::test_support {

/// The content of tests/fixtures/`relativePath` (after rewriting it with `actual` when asked).
inline std::string golden(const std::string& relativePath, const std::string& actual) {
  const std::string path = std::string(CC_TESTS_DIR) + "/fixtures/" + relativePath;
  if (std::getenv("CC_UPDATE_GOLDENS")) std::ofstream(path, std::ios::binary) << actual;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace cc::test_support
