#include "converter.hpp"

#include "exit_codes.hpp"
#include "format_detector.hpp"
#include "resolve_format.hpp"
#include "time_limit.hpp"

#include <algorithm>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace resconv::host {

namespace {

// The I/O classes name the file at the start of their messages; the diagnostic names it
// already.
std::string without_file(const std::string& message, const std::string& file) {
  return message.rfind(file + ": ", 0) == 0 ? message.substr(file.size() + 2) : message;
}

} // namespace

std::optional<InputSource> read_input(const std::string& input, DiagnosticSink& sink, std::size_t max_bytes) {
  try {
    if (input == "-")
      return InputSource::from_stdin(max_bytes);
    return InputSource::from_file(input, max_bytes);
  } catch (const InputTooLarge& e) {
    std::string name = input_display_name(input);
    sink.error("io.too-large", without_file(e.what(), name) + " (see --max-input-size)", {name});
    return std::nullopt;
  } catch (const IoError& e) {
    std::string name = input_display_name(input);
    sink.error("io.read", without_file(e.what(), name), {name});
    return std::nullopt;
  }
}

namespace {

// One `--option` argument taken apart: "json.indent=4" -> {json, indent, 4}.
struct OptionArg {
  std::string format; ///< Empty when the name is bare.
  std::string name;
  std::string value;
};

OptionArg split_option_arg(const std::string& arg) {
  auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw OptionError("option '" + arg + "' is not of the form name=value");
  OptionArg a{{}, arg.substr(0, eq), arg.substr(eq + 1)};
  if (auto dot = a.name.find('.'); dot != std::string::npos) {
    a.format = a.name.substr(0, dot);
    a.name = a.name.substr(dot + 1);
  }
  if (a.name.empty())
    throw OptionError("option '" + arg + "' has no name");
  return a;
}

const std::vector<OptionSpec>& side_specs(const FormatDescriptor& d, bool import) {
  return import ? d.import_options : d.export_options;
}

bool declares(const FormatDescriptor* d, bool import, const std::string& name) {
  if (d == nullptr)
    return false;
  const auto& specs = side_specs(*d, import);
  return std::any_of(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
}

// Whether an argument is for format `d` on one side: named by a prefix, or bare and declared.
bool applies(const OptionArg& a, const FormatDescriptor* d, bool import) {
  return d != nullptr && (a.format.empty() || a.format == d->id) && declares(d, import, a.name);
}

} // namespace

OptionScope option_scope(const PluginRegistry& registry, const std::string& from,
                         const std::vector<std::string>& to) {
  OptionScope scope;
  if (!from.empty()) {
    if (const FormatEntry* f = registry.find(from); f != nullptr && f->descriptor.can_import)
      scope.importers.push_back(&f->descriptor);
  } else {
    for (const FormatEntry& f : registry.formats())
      if (f.descriptor.can_import)
        scope.importers.push_back(&f.descriptor);
  }
  for (const std::string& id : to)
    if (const FormatEntry* f = registry.find(id); f != nullptr && f->descriptor.can_export)
      scope.exporters.push_back(&f->descriptor);
  return scope;
}

void check_option_args(const OptionArgs& args, const OptionScope& scope) {
  for (const std::string& arg : args) {
    OptionArg a = split_option_arg(arg);
    bool taken = false;
    bool format_in_scope = a.format.empty();
    for (bool import : {true, false})
      for (const FormatDescriptor* d : import ? scope.importers : scope.exporters) {
        format_in_scope = format_in_scope || d->id == a.format;
        if (!applies(a, d, import))
          continue;
        taken = true;
        try {
          (void)Options::parse(side_specs(*d, import), {{a.name, a.value}});
        } catch (const OptionError& e) {
          throw OptionError(d->id + ": " + e.what());
        }
      }
    if (taken)
      continue;
    std::string ids, known;
    for (bool import : {true, false})
      for (const FormatDescriptor* d : import ? scope.importers : scope.exporters) {
        if (ids.find(d->id) == std::string::npos)
          ids += (ids.empty() ? "" : ", ") + d->id;
        if (a.format.empty() || a.format == d->id)
          for (const OptionSpec& spec : side_specs(*d, import))
            known += (known.empty() ? "" : ", ") + d->id + "." + spec.name;
      }
    if (!format_in_scope)
      throw OptionError("option '" + arg + "' names format '" + a.format +
                        "', which this command does not use (it uses: " + ids + ")");
    throw OptionError(
        "unknown option '" + (a.format.empty() ? a.name : a.format + "." + a.name) + "'" +
        (known.empty() ? std::string(" (these formats take no options)") : " (known: " + known + ")"));
  }
}

std::pair<Options, Options> select_options(const OptionArgs& args, const FormatDescriptor* importer,
                                           const FormatDescriptor* exporter,
                                           std::vector<std::string>* unused) {
  std::vector<std::pair<std::string, std::string>> for_import, for_export;
  for (const std::string& arg : args) {
    OptionArg a = split_option_arg(arg);
    bool to_import = applies(a, importer, true);
    bool to_export = applies(a, exporter, false);
    if (to_import)
      for_import.emplace_back(a.name, a.value);
    if (to_export)
      for_export.emplace_back(a.name, a.value);
    if (!to_import && !to_export && unused != nullptr)
      unused->push_back(arg);
  }
  Options in = importer ? Options::parse(importer->import_options, for_import) : Options{};
  Options out = exporter ? Options::parse(exporter->export_options, for_export) : Options{};
  return {std::move(in), std::move(out)};
}

std::pair<Options, Options> resolve_options(const OptionArgs& args, const FormatDescriptor* importer,
                                            const FormatDescriptor* exporter) {
  OptionScope scope;
  if (importer != nullptr)
    scope.importers.push_back(importer);
  if (exporter != nullptr)
    scope.exporters.push_back(exporter);
  check_option_args(args, scope);
  return select_options(args, importer, exporter);
}

std::optional<model::Document> import_document(const PluginRegistry& registry, const InputSource& input,
                                               const std::string& from, const Options& options,
                                               DiagnosticSink& sink, int& code, const FormatEntry** used) {
  ResolvedFormat resolved = resolve_format(registry, input, {"convert", from, FormatUse::importing}, sink);
  if (!resolved) {
    code = resolved.code;
    return std::nullopt;
  }
  const FormatEntry* format = resolved.format;
  if (used != nullptr)
    *used = format;
  auto library = registry.load(*format, sink);
  auto importer = library ? library->make_importer(sink) : nullptr;
  if (!importer) {
    code = exit_plugin;
    return std::nullopt;
  }
  FileNameSink named(sink, input.name());
  std::optional<model::Document> document = importer->run(input, options, named);
  if (!document) {
    code = exit_input;
    return std::nullopt;
  }
  code = exit_ok;
  return document;
}

namespace {

std::string output_path(const ConversionRequest& request, const FormatDescriptor& to) {
  if (!request.output.empty())
    return request.output;
  if (request.output_dir.empty())
    return "-";
  std::filesystem::path in =
      request.input == "-" ? std::filesystem::path("stdin") : std::filesystem::path(request.input);
  std::string ext = to.extensions.empty() ? to.id : to.extensions.front();
  return (std::filesystem::path(request.output_dir) / (in.stem().string() + "." + ext)).string();
}

} // namespace

std::optional<std::vector<const FormatEntry*>>
export_targets(const PluginRegistry& registry, const ConversionRequest& request, DiagnosticSink& sink) {
  std::vector<const FormatEntry*> targets;
  for (const auto& id : request.to) {
    const FormatEntry* to = find_format(registry, id, FormatUse::exporting, "convert", sink);
    if (to == nullptr)
      return std::nullopt;
    targets.push_back(to);
  }
  if (targets.empty() && !request.output.empty() && request.output != "-") {
    const FormatEntry* to = registry.by_extension(request.output, true);
    if (to == nullptr) {
      sink.error("convert.no-target",
                 "cannot tell the output format from '" + request.output + "'; use --to");
      return std::nullopt;
    }
    targets.push_back(to);
  }
  if (targets.empty()) {
    sink.error("convert.no-target", "no output format; use --to");
    return std::nullopt;
  }
  if (targets.size() > 1 && request.output_dir.empty()) {
    sink.error("convert.usage", "several --to need -O DIR");
    return std::nullopt;
  }
  return targets;
}

bool is_textual(const FormatDescriptor& format) {
  const std::string& m = format.mime_type;
  auto ends_with = [&](std::string_view tail) {
    return m.size() >= tail.size() && m.compare(m.size() - tail.size(), tail.size(), tail) == 0;
  };
  return m.empty() || m.rfind("text/", 0) == 0 || ends_with("/json") || ends_with("+json") ||
         ends_with("/xml") || ends_with("+xml");
}

namespace {

// Whether `out` names the file that standard input reads (`convert - -o FILE < FILE`):
// writing it would destroy the input.
bool is_standard_input(const std::string& out) {
  struct stat in {
  }, target{};
  return ::fstat(STDIN_FILENO, &in) == 0 && S_ISREG(in.st_mode) && ::stat(out.c_str(), &target) == 0 &&
         in.st_dev == target.st_dev && in.st_ino == target.st_ino;
}

// One file a conversion writes: what goes into it, and where.
struct Piece {
  const model::Document* document;
  std::string out;
};

std::string folded(std::string name) {
  for (char& c : name)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return name;
}

// The checks of one output file made from the document (--split): not a folder, not the
// input. Returns exit_ok, or reports why not and returns the exit code.
int refuse_output(const ConversionRequest& request, const std::string& out, DiagnosticSink& sink) {
  std::error_code ec;
  if (std::filesystem::is_directory(out, ec)) {
    sink.error("convert.usage", "a component's file would replace a folder of the same name", {out});
    return exit_usage;
  }
  bool onto_input =
      request.input != "-" ? std::filesystem::equivalent(request.input, out, ec) : is_standard_input(out);
  if (onto_input) {
    sink.error("convert.overwrite-input", "output would overwrite the input", {out});
    return exit_usage;
  }
  return exit_ok;
}

} // namespace

// A file name stem far under every file system's limit (255 bytes), with room for a suffix.
constexpr std::size_t max_stem_bytes = 120;

std::string component_stem(const model::Document& component, std::size_t position) {
  const model::Metadata& m = component.metadata;
  std::string from = m.number ? *m.number : m.symbol ? *m.symbol : std::string();
  std::string stem;
  for (char c : from) {
    unsigned char u = static_cast<unsigned char>(c);
    bool unsafe = u < 0x20 || u == 0x7F || c == '/' || c == '\\' || c == ' ' || c == ':' || c == '*' ||
                  c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
    if (c == '(' || c == ')')
      continue; // "2803 (2025)" -> "2803_2025"
    if (unsafe) {
      if (!stem.empty() && stem.back() != '_')
        stem += '_';
      continue;
    }
    stem += c;
  }
  while (!stem.empty() && (stem.back() == '_' || stem.back() == '.'))
    stem.pop_back();
  while (!stem.empty() && (stem.front() == '_' || stem.front() == '.' || stem.front() == '-'))
    stem.erase(0, 1);
  if (stem.size() > max_stem_bytes) {
    stem.resize(max_stem_bytes);
    // Not in the middle of a UTF-8 sequence: drop a cut one whole.
    std::size_t end = stem.size();
    while (end > 0 && (static_cast<unsigned char>(stem[end - 1]) & 0xC0) == 0x80)
      --end;
    if (end > 0 && static_cast<unsigned char>(stem[end - 1]) >= 0xC0) {
      unsigned char lead = static_cast<unsigned char>(stem[end - 1]);
      std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (stem.size() - (end - 1) < length)
        stem.resize(end - 1);
    }
  }
  if (stem.empty())
    stem = "component-" + std::to_string(position);
  return stem;
}

std::vector<std::string> planned_outputs(const PluginRegistry& registry, const ConversionRequest& request) {
  DiagnosticCollector quiet;
  std::vector<std::string> outputs;
  if (auto targets = export_targets(registry, request, quiet))
    for (const FormatEntry* to : *targets)
      outputs.push_back(output_path(request, to->descriptor));
  return outputs;
}

int convert(const PluginRegistry& registry, const ConversionRequest& request, DiagnosticSink& sink) {
  set_phase(Phase::reading);
  auto found = export_targets(registry, request, sink);
  if (!found)
    return exit_usage;
  const std::vector<const FormatEntry*>& targets = *found;
  if (!request.from.empty() &&
      find_format(registry, request.from, FormatUse::importing, "convert", sink) == nullptr)
    return exit_usage;

  // Every output is checked before anything is read or written: all of them are written,
  // or none.
  if (request.split && (request.output == "-" || (request.output.empty() && request.output_dir.empty()))) {
    sink.error("convert.usage", "--split writes one file per component: give -O DIR, or -o FILE beside which "
                                "they are written");
    return exit_usage;
  }
  std::vector<std::string> outs;
  for (const FormatEntry* to : targets) {
    std::string out = output_path(request, to->descriptor);
    std::error_code ec;
    if (out != "-" && std::filesystem::is_directory(out, ec)) {
      sink.error("convert.usage", "-o names a folder; give a file name, or -O for a folder of outputs",
                 {out});
      return exit_usage;
    }
    // A PDF or DOCX dumped onto a terminal is noise that can upset it; `-o -` says the user
    // means it (a pipe is not a terminal and needs nothing).
    if (out == "-" && request.output.empty() && !is_textual(to->descriptor) && ::isatty(STDOUT_FILENO) != 0) {
      sink.error("convert.terminal",
                 "refusing to write " + to->descriptor.id +
                     " (binary) to a terminal; give -o FILE, or -o - to force standard output",
                 {"<stdout>"});
      return exit_output;
    }
    bool onto_input = false;
    if (out != "-" && request.input != "-")
      onto_input = std::filesystem::equivalent(request.input, out, ec);
    else if (out != "-")
      onto_input = is_standard_input(out);
    if (onto_input) {
      sink.error("convert.overwrite-input", "output would overwrite the input", {out});
      return exit_usage;
    }
    outs.push_back(std::move(out));
  }

  auto [input, resolved] = resolve_format(registry, request.input, request.max_input_bytes,
                                          {"convert", request.from, FormatUse::importing}, sink);
  if (!input || !resolved)
    return resolved.code;
  const FormatEntry* from = resolved.format;
  int code = exit_ok;
  // Options are checked against this input's format and every target before anything is
  // imported or written: unless the command checked them already against every format it
  // may use, where an option for another input format is skipped with a note.
  Options import_options;
  std::vector<Options> export_options;
  try {
    OptionScope scope{{&from->descriptor}, {}};
    for (const FormatEntry* to : targets)
      scope.exporters.push_back(&to->descriptor);
    if (!request.options_checked)
      check_option_args(request.options, scope);
    std::vector<std::string> unused_everywhere = request.options;
    for (const FormatEntry* to : targets) {
      std::vector<std::string> unused;
      auto [in, out] = select_options(request.options, &from->descriptor, &to->descriptor, &unused);
      import_options = std::move(in);
      export_options.push_back(std::move(out));
      std::erase_if(unused_everywhere, [&](const std::string& arg) {
        return std::find(unused.begin(), unused.end(), arg) == unused.end();
      });
    }
    for (const std::string& arg : unused_everywhere)
      sink.note("convert.option-unused",
                "option '" + arg + "' does not apply to a " + from->descriptor.id + " input; ignored",
                {input->name()});
  } catch (const OptionError& e) {
    sink.error("convert.option", e.what());
    return exit_usage;
  }
  set_phase(Phase::importing);
  std::optional<model::Document> document =
      import_document(registry, *input, from->descriptor.id, import_options, sink, code);
  if (!document)
    return code;

  // What each target writes: the document to its output, or with --split each component of
  // a collection to a file of its own in the output's folder.
  std::vector<std::vector<Piece>> pieces(targets.size());
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (!request.split || !document->is_collection()) {
      pieces[t].push_back({&*document, outs[t]});
      continue;
    }
    const FormatDescriptor& to = targets[t]->descriptor;
    std::filesystem::path dir = !request.output_dir.empty() ? std::filesystem::path(request.output_dir)
                                                            : std::filesystem::path(outs[t]).parent_path();
    std::string ext = to.extensions.empty() ? to.id : to.extensions.front();
    std::set<std::string> taken; // file names, case folded (a case-blind file system)
    for (std::size_t c = 0; c < document->components.size(); ++c) {
      std::string stem = component_stem(document->components[c], c + 1);
      std::string name = stem + "." + ext;
      for (int n = 2; taken.count(folded(name)) > 0; ++n)
        name = stem + "-" + std::to_string(n) + "." + ext;
      taken.insert(folded(name));
      std::string out = (dir / name).string();
      if (int refused = refuse_output(request, out, sink); refused != exit_ok)
        return refused;
      pieces[t].push_back({&document->components[c], out});
    }
  }

  // One import, one export per output, each into its own uncommitted sink; the sinks are
  // committed only when every export succeeded.
  std::vector<OutputSink> done;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    set_phase(Phase::exporting);
    auto library = registry.load(*targets[t], sink);
    auto exporter = library ? library->make_exporter(sink) : nullptr;
    if (!exporter)
      return exit_plugin;
    for (const Piece& piece : pieces[t]) {
      const std::string& out = piece.out;
      try {
        if (out != "-")
          if (auto parent = std::filesystem::path(out).parent_path(); !parent.empty()) {
            std::error_code ec;
            std::filesystem::create_directories(parent, ec);
            if (ec) {
              sink.error("io.write",
                         "cannot create the output folder " + parent.string() + ": " + ec.message(), {out});
              return exit_output;
            }
          }
        OutputSink sink_out = out == "-" ? OutputSink::to_stdout() : OutputSink::to_file(out);
        FileNameSink named(sink, sink_out.name());
        if (!exporter->run(*piece.document, sink_out, export_options[t], named))
          return exit_output;
        done.push_back(std::move(sink_out));
      } catch (const IoError& e) {
        std::string name = out == "-" ? "<stdout>" : out;
        sink.error("io.write", without_file(e.what(), name), {name});
        return exit_output;
      } catch (const std::filesystem::filesystem_error& e) {
        sink.error("io.write", e.what(), {out});
        return exit_output;
      }
    }
  }
  set_phase(Phase::writing);
  for (OutputSink& sink_out : done) {
    try {
      sink_out.commit();
    } catch (const IoError& e) {
      sink.error("io.write", without_file(e.what(), sink_out.name()), {sink_out.name()});
      return exit_output;
    }
  }
  if (request.split) {
    if (!document->is_collection()) {
      sink.note("convert.split", "not a collection: written as one document", {input->name()});
    } else {
      std::string names;
      for (std::size_t c = 0; c < pieces.front().size(); ++c)
        names += (c == 0 ? "" : ", ") + std::filesystem::path(pieces.front()[c].out).filename().string();
      std::size_t files = 0;
      for (const auto& list : pieces)
        files += list.size();
      sink.note("convert.split",
                std::to_string(document->components.size()) + " components written to " +
                    std::to_string(files) + (files == 1 ? " file" : " files") + ": " + names +
                    (targets.size() > 1 ? " (and the same names for each --to)" : ""),
                {input->name()});
    }
  }
  return exit_ok;
}

} // namespace resconv::host
