#pragma once
// What `resconv --version` prints: the program's version, the SDK and plugin ABI it was
// built with, and the versions of the libraries the plugins use (Poppler, libxml2, Cairo,
// Pango) as they are installed now.

#include <string>
#include <vector>

namespace resconv::host {

struct LibraryVersion {
  std::string name;          ///< "Cairo"
  std::string soname;        ///< "libcairo.so.2": the file the plugins load; empty if unknown.
  std::string version;       ///< At run time, from the library itself; empty if it did not load.
  std::string build_version; ///< What pkg-config said when resconv was built; empty if unknown.
};

/// The libraries, each opened by its soname (the same file the loader gives the plugins)
/// and asked for its version. The host does not link them: they are opened only here.
std::vector<LibraryVersion> library_versions();

/// The text of --version, one item a line.
std::string version_text();

} // namespace resconv::host
