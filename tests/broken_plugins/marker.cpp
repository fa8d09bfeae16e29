// A shared library whose constructor runs as soon as it is loaded, before any handshake can
// be checked: it appends a line to the file named by $RESCONV_TEST_MARKER. It is not a
// resconv plugin. The plugin-loading tests use it to prove which commands load a library.
#include <cstdio>
#include <cstdlib>

namespace {
__attribute__((constructor)) void leave_marker() {
  const char* path = std::getenv("RESCONV_TEST_MARKER");
  if (path == nullptr || *path == '\0')
    return;
  if (std::FILE* out = std::fopen(path, "a")) {
    std::fputs("loaded\n", out);
    std::fclose(out);
  }
}
} // namespace
