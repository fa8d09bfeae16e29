#include "plugin_registry.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace resconv::host {

SearchPath PluginRegistry::search_path(const std::vector<std::filesystem::path>& explicit_dirs) {
  SearchPath path;
  path.dirs = explicit_dirs;
  if (const char* env = std::getenv("RESCONV_PLUGIN_PATH"); env != nullptr) {
    std::string_view rest = env;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view part = rest.substr(0, colon);
      // A relative entry would be resolved against whatever folder resconv runs in, so a
      // file in an archive being converted could become code that runs: never searched.
      if (!part.empty()) {
        if (std::filesystem::path(std::string(part)).is_absolute())
          path.dirs.emplace_back(std::string(part));
        else
          path.refused.emplace_back(part);
      }
      if (colon == std::string_view::npos)
        break;
      rest.remove_prefix(colon + 1);
    }
  }
  std::error_code ec;
  auto program = boost::dll::program_location(ec);
  if (!ec)
    path.dirs.push_back(program.parent_path().parent_path() / "lib" / "resconv" / "plugins");
  return path;
}

PluginRegistry PluginRegistry::discover(const SearchPath& path, DiagnosticSink& sink) {
  for (const auto& entry : path.refused)
    sink.warning("registry.relative-path",
                 "RESCONV_PLUGIN_PATH entry '" + entry +
                     "' is not searched: plugin folders must be absolute paths, never relative to the "
                     "current folder");
  return discover(path.dirs, sink);
}

PluginRegistry PluginRegistry::discover(const std::vector<std::filesystem::path>& dirs,
                                        DiagnosticSink& sink) {
  PluginRegistry registry;
  std::set<std::string> seen;
  for (const auto& dir : dirs) {
    std::error_code ec;
    auto status = std::filesystem::status(dir, ec);
    if (ec || !std::filesystem::is_directory(status))
      continue;
    // A folder every user may write to (sticky or not: others can still add files) lets
    // anyone put code there that resconv would run.
    if ((status.permissions() & std::filesystem::perms::others_write) != std::filesystem::perms::none) {
      sink.warning("registry.unsafe-folder",
                   "plugin folder is writable by every user, so anyone could put code in it: not searched",
                   {dir.string()});
      continue;
    }
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
        std::string id = d.id;
        FormatEntry entry{std::move(d), file, dir / ("resconv_" + id + ".so")};
        if (!seen.insert(id).second) {
          sink.note("registry.shadowed",
                    "format '" + id + "' is already provided by an earlier folder; this one is the fallback",
                    {file.string()});
          registry.m_shadowed[id].push_back(std::move(entry));
          continue;
        }
        registry.m_formats.push_back(std::move(entry));
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

const std::vector<FormatEntry>& PluginRegistry::shadowed(const FormatEntry& entry) const noexcept {
  static const std::vector<FormatEntry> none;
  auto it = m_shadowed.find(entry.descriptor.id);
  return it == m_shadowed.end() ? none : it->second;
}

const PluginRegistry::LoadState& PluginRegistry::load_locked(const FormatEntry& entry) const {
  const std::string key = entry.library_path.string();
  auto it = m_libraries.find(key);
  if (it == m_libraries.end()) {
    DiagnosticCollector collected;
    LoadState state;
    state.library = PluginLibrary::load(entry.library_path, entry.descriptor.id, collected);
    state.failure = collected.diagnostics();
    it = m_libraries.emplace(key, std::move(state)).first;
  }
  return it->second;
}

std::shared_ptr<PluginLibrary> PluginRegistry::load_library(const FormatEntry& entry,
                                                            DiagnosticSink& sink) const {
  std::lock_guard<std::mutex> lock(*m_mutex);
  const LoadState& state = load_locked(entry);
  if (!state.library)
    for (const auto& d : state.failure)
      sink.report(d);
  return state.library;
}

std::shared_ptr<PluginLibrary> PluginRegistry::load(const FormatEntry& entry, DiagnosticSink& sink) const {
  std::lock_guard<std::mutex> lock(*m_mutex);
  auto it = m_resolved.find(entry.descriptor.id);
  if (it == m_resolved.end()) {
    LoadState resolved = load_locked(entry);
    if (!resolved.library) {
      // A refused plugin must not hide another provider of the same id: the first later
      // folder whose library loads (the program's own plugins, typically) is used instead.
      for (const FormatEntry& other : shadowed(entry)) {
        const LoadState& alternative = load_locked(other);
        if (!alternative.library)
          continue;
        std::string why = resolved.failure.empty()
                              ? std::string("refused")
                              : resolved.failure.front().message + " [" + resolved.failure.front().code + "]";
        Diagnostic notice;
        notice.severity = Severity::warning;
        notice.code = "registry.fallback";
        notice.message = "plugin refused (" + why + "); using " + other.library_path.string() +
                         " for format '" + entry.descriptor.id + "'";
        notice.location.file = entry.library_path.string();
        resolved = {alternative.library, {}, {std::move(notice)}};
        break;
      }
    }
    it = m_resolved.emplace(entry.descriptor.id, std::move(resolved)).first;
  }
  LoadState& state = it->second;
  if (!state.library)
    for (const auto& d : state.failure)
      sink.report(d);
  for (auto& d : state.notice)
    sink.report(std::move(d));
  state.notice.clear();
  return state.library;
}

} // namespace resconv::host
