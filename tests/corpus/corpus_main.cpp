// The corpus tests exit 77, which CTest reports as "skipped", when the corpus is absent:
// never a silent pass.
#define CATCH_CONFIG_RUNNER
#include "corpus.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

namespace resconv::test {
std::filesystem::path corpus_dir() {
  const char* env = std::getenv("RESCONV_CORPUS");
  return env ? std::filesystem::path(env) : std::filesystem::path();
}
} // namespace resconv::test

int main(int argc, char** argv) {
  auto dir = resconv::test::corpus_dir();
  if (dir.empty() || !std::filesystem::is_directory(dir / "text")) {
    std::cout << "corpus not found (RESCONV_CORPUS='" << dir.string() << "'): corpus tests SKIPPED\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
