#pragma once
// The shared corpus, found through $RESCONV_CORPUS (set by CTest from the CMake cache).

#include <filesystem>

namespace resconv::test {
std::filesystem::path corpus_dir();
}
