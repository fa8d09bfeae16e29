#include <resconv/sdk/data_path.hpp>

#include <cstdlib>
#include <dlfcn.h>

namespace resconv {

std::filesystem::path data_directory() {
  if (const char* env = std::getenv("RESCONV_DATA_PATH"); env != nullptr && *env != '\0')
    return env;
  // libresconv_sdk.so lives in <prefix>/lib; the data in <prefix>/share/resconv.
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&data_directory), &info) != 0 && info.dli_fname != nullptr) {
    std::error_code ec;
    auto lib = std::filesystem::canonical(info.dli_fname, ec);
    if (!ec)
      return lib.parent_path().parent_path() / "share" / "resconv";
  }
  return std::filesystem::path("/usr/local/share/resconv");
}

} // namespace resconv
