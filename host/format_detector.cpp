#include "format_detector.hpp"

#include <resconv/sdk/utf8.hpp>

#include <cstdint>

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

namespace {

// How a format takes part in detection (see detect_format).
enum class Round { candidate, by_content, last, vetoed };

} // namespace

std::string decode_wide_head(std::string_view head, std::string_view form) {
  const bool wide32 = form.substr(0, 6) == "UTF-32";
  const bool little = form.size() >= 2 && form.substr(form.size() - 2) == "LE";
  const std::size_t unit = wide32 ? 4 : 2;
  auto read = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < unit; ++k) {
      auto b = static_cast<unsigned char>(head[at + (little ? unit - 1 - k : k)]);
      v = (v << 8) | b;
    }
    return v;
  };
  std::string out;
  out.reserve(head.size());
  std::size_t i = 0;
  if (head.size() >= unit && read(0) == 0xFEFF)
    i = unit;
  for (; i + unit <= head.size(); i += unit) {
    std::uint32_t cp = read(i);
    if (!wide32 && cp >= 0xD800 && cp <= 0xDBFF && i + 2 * unit <= head.size()) {
      std::uint32_t low = read(i + unit);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += unit;
      }
    }
    append_utf8(out, cp);
  }
  return out;
}

Detection detect_format(const PluginRegistry& registry, const ProbeInput& input, DiagnosticSink& sink,
                        const std::string& shown_name) {
  Detection result;
  const std::vector<FormatEntry>& formats = registry.formats();
  // A head in UTF-16 or UTF-32 is probed a second time decoded, so that XML and JSON in
  // those forms (which their parsers read) are recognised by their probes and magic.
  const std::string_view form = wide_unicode_form(input.head);
  const std::string decoded = form.empty() ? std::string() : decode_wide_head(input.head, form);
  const ProbeInput decoded_input{decoded, input.name};
  const bool has_name = !input.name.empty();

  std::vector<Round> rounds(formats.size(), Round::vetoed);
  std::vector<bool> magic_hit(formats.size(), false);
  std::vector<std::string> answers(formats.size(), "not-probed");
  for (std::size_t i = 0; i < formats.size(); ++i) {
    const FormatDescriptor& d = formats[i].descriptor;
    if (!d.magic.empty()) {
      for (const auto& m : d.magic)
        magic_hit[i] = magic_hit[i] || m.matches(input.head) || (!form.empty() && m.matches(decoded));
      rounds[i] = magic_hit[i] ? Round::candidate : Round::vetoed;
      if (!magic_hit[i])
        answers[i] = "no";
    } else if (has_name && d.matches_extension(input.name)) {
      rounds[i] = Round::candidate;
    } else {
      rounds[i] = d.extensions.empty() ? Round::last : Round::by_content;
    }
  }

  struct Refused {
    const FormatEntry* entry;
    std::vector<Diagnostic> diagnostics;
  };
  std::vector<Refused> refused;
  std::vector<const FormatEntry*> yes;
  std::vector<const FormatEntry*> unknown_with_extension;
  auto probe = [&](std::size_t i) {
    const FormatEntry& entry = formats[i];
    DiagnosticCollector problems;
    auto library = registry.load(entry, problems);
    std::shared_ptr<Importer> importer = library ? library->make_importer(problems) : nullptr;
    if (!importer) {
      answers[i] = "not-loaded";
      refused.push_back({&entry, problems.diagnostics()});
      return;
    }
    // A plugin that loads may still say something (registry.fallback).
    for (const auto& d : problems.diagnostics())
      sink.report(d);
    Probe answer = importer->probe(input);
    if (answer != Probe::yes && !form.empty()) {
      Probe second = importer->probe(decoded_input);
      if (second == Probe::yes || (second == Probe::unknown && answer == Probe::no))
        answer = second;
    }
    // A magic match is a yes unless the plugin's own probe says no.
    if (magic_hit[i] && answer == Probe::unknown)
      answer = Probe::yes;
    answers[i] = to_string(answer);
    if (answer == Probe::yes)
      yes.push_back(&entry);
    else if (answer == Probe::unknown && has_name && entry.descriptor.matches_extension(input.name))
      unknown_with_extension.push_back(&entry);
  };
  for (Round round : {Round::candidate, Round::by_content, Round::last}) {
    for (std::size_t i = 0; i < formats.size(); ++i)
      if (formats[i].descriptor.can_import && rounds[i] == round)
        probe(i);
    if (!yes.empty())
      break;
  }
  for (std::size_t i = 0; i < formats.size(); ++i)
    if (formats[i].descriptor.can_import)
      result.answers.push_back({formats[i].descriptor.id, answers[i]});

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
  } else if (unknown_with_extension.size() == 1) {
    result.format = unknown_with_extension.front();
    result.reason = "file extension of the '" + result.format->descriptor.id + "' format";
  } else if (const FormatEntry* by_ext = has_name ? registry.by_extension(input.name, false) : nullptr) {
    // The content is not recognised, but the name says what it should be: its importer
    // reads it and says what is wrong (binary data, an encoding, a broken header) in its
    // own words, rather than a bare "unknown format".
    result.format = by_ext;
    result.reason =
        "content not recognised; the file extension of the '" + by_ext->descriptor.id + "' format";
  } else {
    result.reason = "no format recognises the content; choose one with --from";
  }
  // A refused plugin is an error only where it is needed: when the decision is its format,
  // the caller reports the failure as it loads it.
  for (const Refused& r : refused) {
    if (r.entry == result.format)
      continue;
    for (Diagnostic d : r.diagnostics) {
      d.severity = Severity::warning;
      sink.report(std::move(d));
    }
  }
  if (yes.size() > 1)
    sink.error("detect.ambiguous", result.reason, {shown});
  else if (result.format == nullptr)
    sink.error("detect.unknown-format", result.reason, {shown});
  return result;
}

} // namespace resconv::host
