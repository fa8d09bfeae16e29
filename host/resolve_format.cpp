#include "resolve_format.hpp"

#include "converter.hpp"
#include "exit_codes.hpp"
#include "suggest.hpp"
#include "time_limit.hpp"

#include <algorithm>
#include <vector>

namespace resconv::host {

namespace {

const char* verb(FormatUse use) {
  switch (use) {
  case FormatUse::importing:
    return "import";
  case FormatUse::exporting:
    return "export";
  case FormatUse::validating:
    return "validate";
  case FormatUse::any:
    break;
  }
  return "";
}

// The part of a plugin that does it: "importer", "exporter", "validator".
std::string tool(FormatUse use) {
  return use == FormatUse::validating ? "validator" : verb(use) + std::string("er");
}

// What a format can do, for "no format 'markdown' that can import ('markdown' can export)".
std::string abilities(const FormatDescriptor& d) {
  std::string list;
  for (auto [able, name] : {std::pair{d.can_import, "import"}, std::pair{d.can_export, "export"},
                            std::pair{d.can_validate, "validate"}})
    if (able)
      list += (list.empty() ? "" : ", ") + std::string(name);
  return list.empty() ? "nothing" : list;
}

} // namespace

bool can_use(const FormatDescriptor& format, FormatUse use) noexcept {
  switch (use) {
  case FormatUse::importing:
    return format.can_import;
  case FormatUse::exporting:
    return format.can_export;
  case FormatUse::validating:
    return format.can_validate;
  case FormatUse::any:
    break;
  }
  return true;
}

std::optional<std::string> nearest_format_id(const PluginRegistry& registry, const std::string& id,
                                             FormatUse use) {
  if (const FormatEntry* same = registry.find(id); same != nullptr && can_use(same->descriptor, use))
    return std::nullopt;
  // A file extension typed for an id: the one format that claims it.
  std::vector<const FormatEntry*> claiming;
  for (const FormatEntry& entry : registry.formats()) {
    const auto& exts = entry.descriptor.extensions;
    if (can_use(entry.descriptor, use) && std::find(exts.begin(), exts.end(), id) != exts.end())
      claiming.push_back(&entry);
  }
  if (claiming.size() == 1)
    return claiming.front()->descriptor.id;
  // A typo: the nearest id (formats() is sorted by id, so a tie never depends on the plugin
  // folders' order).
  std::vector<std::string> ids;
  for (const FormatEntry& entry : registry.formats())
    if (can_use(entry.descriptor, use) && entry.descriptor.id != id)
      ids.push_back(entry.descriptor.id);
  return nearest_word(id, ids);
}

const FormatEntry* find_format(const PluginRegistry& registry, const std::string& id, FormatUse use,
                               const std::string& command, DiagnosticSink& sink, const std::string& file) {
  const FormatEntry* format = registry.find(id);
  if (format != nullptr && can_use(format->descriptor, use))
    return format;
  std::string message = "no format '" + id + "'";
  if (use != FormatUse::any)
    message += std::string(" that can ") + verb(use);
  if (format != nullptr)
    message += " ('" + id + "' can " + abilities(format->descriptor) + ")";
  else if (auto nearest = nearest_format_id(registry, id, use))
    message += "; did you mean '" + *nearest + "'?";
  else if (registry.formats().empty())
    message += " (no formats found: check --plugin-dir or RESCONV_PLUGIN_PATH)";
  else
    message += " (`resconv formats` lists them)";
  sink.error(command + ".unknown-format", message, {file});
  return nullptr;
}

ResolvedFormat resolve_format(const PluginRegistry& registry, const InputSource& input,
                              const FormatQuery& query, DiagnosticSink& sink) {
  ResolvedFormat result;
  const FormatEntry* given = nullptr;
  if (!query.from.empty()) {
    given = find_format(registry, query.from, query.use, query.command, sink, input.name());
    if (given == nullptr) {
      result.code = exit_usage;
      result.reason = "--from names no such format";
      return result;
    }
  }
  // Nothing to read is the same failure in every format: said once, plainly, before any
  // detection or importer.
  if (input.bytes().empty()) {
    result.reason = "the input is empty (0 bytes)";
    sink.error("input.empty", result.reason, {input.name()});
    result.code = exit_input;
    return result;
  }
  if (given != nullptr) {
    result.format = given;
    result.reason = "given by --from";
    result.code = exit_ok;
    return result;
  }
  set_phase(Phase::detecting);
  std::string file_name = input.path() ? input.path()->filename().string() : std::string();
  result.detection = detect_format(registry, {input.head(probe_head_size), file_name}, sink, input.name());
  result.reason = result.detection->reason;
  const FormatEntry* detected = result.detection->format;
  if (detected == nullptr) {
    result.code = exit_input;
    return result;
  }
  if (!can_use(detected->descriptor, query.use)) {
    sink.error(query.command + ".unsupported",
               "the input is in the '" + detected->descriptor.id + "' format, which has no " +
                   tool(query.use),
               {input.name()});
    result.code = exit_usage;
    return result;
  }
  result.format = detected;
  result.code = exit_ok;
  return result;
}

ResolvedInput resolve_format(const PluginRegistry& registry, const std::string& path, std::size_t max_bytes,
                             const FormatQuery& query, DiagnosticSink& sink) {
  ResolvedInput result;
  set_phase(Phase::reading);
  result.input = read_input(path, sink, max_bytes);
  if (!result.input) {
    result.resolved.code = exit_input;
    result.resolved.reason = "the input could not be read";
    return result;
  }
  result.resolved = resolve_format(registry, *result.input, query, sink);
  return result;
}

} // namespace resconv::host
