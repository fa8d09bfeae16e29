#include "plugin_registry.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace resconv::host {

std::vector<std::filesystem::path>
PluginRegistry::search_path(const std::vector<std::filesystem::path>& explicit_dirs) {
  std::vector<std::filesystem::path> dirs = explicit_dirs;
  if (const char* env = std::getenv("RESCONV_PLUGIN_PATH"); env != nullptr) {
    std::string_view rest = env;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view part = rest.substr(0, colon);
      if (!part.empty())
        dirs.emplace_back(std::string(part));
      if (colon == std::string_view::npos)
        break;
      rest.remove_prefix(colon + 1);
    }
  }
  std::error_code ec;
  auto program = boost::dll::program_location(ec);
  if (!ec)
    dirs.push_back(program.parent_path().parent_path() / "lib" / "resconv" / "plugins");
  return dirs;
}

PluginRegistry PluginRegistry::discover(const std::vector<std::filesystem::path>& dirs,
                                        DiagnosticSink& sink) {
  PluginRegistry registry;
  std::set<std::string> seen;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 12 && name.compare(name.size() - 12, 12, ".format.json") == 0)
        files.push_back(entry.path());
    }
    // Directory order is arbitrary; the registry's answers must not be.
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      try {
        FormatDescriptor d = FormatDescriptor::parse(text.str(), file.string());
        std::string expected = file.filename().string();
        expected.resize(expected.size() - 12);
        if (d.id != expected) {
          sink.error("registry.bad-descriptor", "descriptor id '" + d.id + "' does not match its file name",
                     {file.string()});
          continue;
        }
        if (!seen.insert(d.id).second) {
          sink.note("registry.shadowed", "format '" + d.id + "' is already provided by an earlier folder",
                    {file.string()});
          continue;
        }
        std::string id = d.id;
        registry.m_formats.push_back({std::move(d), file, dir / ("resconv_" + id + ".so")});
      } catch (const DescriptorError& e) {
        sink.error("registry.bad-descriptor", e.what(), {file.string()});
      }
    }
  }
  std::sort(registry.m_formats.begin(), registry.m_formats.end(),
            [](const FormatEntry& a, const FormatEntry& b) { return a.descriptor.id < b.descriptor.id; });
  return registry;
}

const FormatEntry* PluginRegistry::find(std::string_view id) const noexcept {
  for (const auto& f : m_formats)
    if (f.descriptor.id == id)
      return &f;
  return nullptr;
}

const FormatEntry* PluginRegistry::by_extension(std::string_view file_name, bool for_export) const noexcept {
  const FormatEntry* found = nullptr;
  for (const auto& f : m_formats) {
    if (!(for_export ? f.descriptor.can_export : f.descriptor.can_import))
      continue;
    if (f.descriptor.matches_extension(file_name)) {
      if (found != nullptr)
        return nullptr;
      found = &f;
    }
  }
  return found;
}

std::shared_ptr<PluginLibrary> PluginRegistry::load(const FormatEntry& entry, DiagnosticSink& sink) const {
  std::lock_guard<std::mutex> lock(*m_mutex);
  auto it = m_loaded.find(entry.descriptor.id);
  if (it == m_loaded.end()) {
    DiagnosticCollector collected;
    LoadState state;
    state.library = PluginLibrary::load(entry.library_path, entry.descriptor.id, collected);
    state.failure = collected.diagnostics();
    it = m_loaded.emplace(entry.descriptor.id, std::move(state)).first;
  }
  for (const auto& d : it->second.failure)
    sink.report(d);
  return it->second.library;
}

} // namespace resconv::host
