#include "format_detector.hpp"

namespace resconv::host {

std::string to_string(Probe probe) {
  switch (probe) {
  case Probe::yes:
    return "yes";
  case Probe::no:
    return "no";
  case Probe::unknown:
    return "unknown";
  }
  return "unknown";
}

Detection detect_format(const PluginRegistry& registry, const ProbeInput& input, DiagnosticSink& sink,
                        const std::string& shown_name) {
  Detection result;
  std::vector<const FormatEntry*> yes;
  std::vector<const FormatEntry*> unknown_with_extension;
  for (const FormatEntry& entry : registry.formats()) {
    const FormatDescriptor& d = entry.descriptor;
    if (!d.can_import)
      continue;
    bool magic_hit = false;
    if (!d.magic.empty()) {
      for (const auto& m : d.magic)
        magic_hit = magic_hit || m.matches(input.head);
      if (!magic_hit) {
        result.answers.push_back({d.id, "no"});
        continue;
      }
    }
    auto library = registry.load(entry, sink);
    std::shared_ptr<Importer> importer = library ? library->make_importer(sink) : nullptr;
    if (!importer) {
      result.answers.push_back({d.id, "not-loaded"});
      continue;
    }
    Probe answer = importer->probe(input);
    // A magic match is a yes unless the plugin's own probe says no.
    if (magic_hit && answer == Probe::unknown)
      answer = Probe::yes;
    result.answers.push_back({d.id, to_string(answer)});
    if (answer == Probe::yes)
      yes.push_back(&entry);
    else if (answer == Probe::unknown && !input.name.empty() && d.matches_extension(input.name))
      unknown_with_extension.push_back(&entry);
  }
  std::string shown = !shown_name.empty()  ? shown_name
                      : input.name.empty() ? std::string("<stdin>")
                                           : std::string(input.name);
  if (yes.size() == 1) {
    result.format = yes.front();
    result.reason = "content recognised by the '" + yes.front()->descriptor.id + "' format";
  } else if (yes.size() > 1) {
    std::string ids;
    for (const auto* e : yes)
      ids += (ids.empty() ? "" : ", ") + e->descriptor.id;
    result.reason = "several formats recognise the content (" + ids + "); choose one with --from";
    sink.error("detect.ambiguous", result.reason, {shown});
  } else if (unknown_with_extension.size() == 1) {
    result.format = unknown_with_extension.front();
    result.reason = "file extension of the '" + result.format->descriptor.id + "' format";
  } else {
    result.reason = "no format recognises the content; choose one with --from";
    sink.error("detect.unknown-format", result.reason, {shown});
  }
  return result;
}

} // namespace resconv::host
