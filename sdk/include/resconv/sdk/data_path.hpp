#pragma once
/// \file data_path.hpp
/// Where the installed data files (language lists) live.

#include <filesystem>

namespace resconv {

/// The data folder: `$RESCONV_DATA_PATH` when set, otherwise `<prefix>/share/resconv`
/// found from the location of libresconv_sdk.so (the build tree mirrors this layout).
/// Thread-safe.
std::filesystem::path data_directory();

} // namespace resconv
