#include "resolve_format.hpp"

#include "converter.hpp"
#include "exit_codes.hpp"
#include "time_limit.hpp"

#include <algorithm>
#include <vector>

namespace resconv::host {

namespace {

// The edit distance between two words where a swap of two neighbouring letters counts as
// one change, as insertions, deletions and substitutions do ("optimal string alignment"):
// `pfd` is one typo away from `pdf`, not two.
std::size_t typo_distance(const std::string& a, const std::string& b) {
  // Three rows of the table: the swap looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// How far a typed id may be from a format's id to be suggested: one change in three letters
// (format ids are short: `jsn`, `pfd`, `tetx` are one change away), at least one and never
// more than three, so that an unrelated word is not "corrected" into an id.
std::size_t near_enough(const std::string& typed) {
  constexpr std::size_t letters_per_change = 3;
  constexpr std::size_t most_changes = 3;
  return std::clamp<std::size_t>(typed.size() / letters_per_change, 1, most_changes);
}

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
  // A typo: the nearest id (the first by id on a tie, so the answer never depends on the
  // plugin folders' order).
  const FormatEntry* best = nullptr;
  std::size_t best_distance = 0;
  for (const FormatEntry& entry : registry.formats()) {
    if (!can_use(entry.descriptor, use) || entry.descriptor.id == id)
      continue;
    std::size_t d = typo_distance(id, entry.descriptor.id);
    if (best == nullptr || d < best_distance) {
      best = &entry;
      best_distance = d;
    }
  }
  if (best == nullptr || best_distance > near_enough(id))
    return std::nullopt;
  return best->descriptor.id;
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
