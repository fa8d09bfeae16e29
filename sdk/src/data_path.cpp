#include <resconv/sdk/data_path.hpp>

#include <cstdlib>
#include <dlfcn.h>

namespace resconv {

namespace {
// libresconv_sdk.so lives in <prefix>/lib and the data in <prefix>/share/resconv. The
// library's own location does not change while it is loaded: resolved once.
std::filesystem::path installed_data_directory() {
  static const std::filesystem::path dir = [] {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&data_directory), &info) != 0 && info.dli_fname != nullptr) {
      std::error_code ec;
      auto lib = std::filesystem::canonical(info.dli_fname, ec);
      if (!ec)
        return lib.parent_path().parent_path() / "share" / "resconv";
    }
    return std::filesystem::path("/usr/local/share/resconv");
  }();
  return dir;
}
} // namespace

std::filesystem::path data_directory() {
  if (const char* env = std::getenv("RESCONV_DATA_PATH"); env != nullptr && *env != '\0')
    return env;
  return installed_data_directory();
}

} // namespace resconv
