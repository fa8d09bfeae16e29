#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "resolve_format.hpp"
#include "time_limit.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace resconv::host {

namespace {

struct Counts {
  std::size_t items = 0, references = 0, calls = 0, headings = 0, words = 0;

  void inlines(const model::Inlines& list) {
    for (const auto& in : list) {
      if (std::holds_alternative<model::FootnoteRef>(in.value))
        ++calls;
      else if (auto* r = std::get_if<model::Reference>(&in.value)) {
        ++references;
        inlines(r->content);
      } else if (auto* e = std::get_if<model::Emphasis>(&in.value))
        inlines(e->content);
      else if (auto* s = std::get_if<model::Strong>(&in.value))
        inlines(s->content);
    }
    std::string text = model::collapse_space(model::plain_text(list));
    if (!text.empty())
      words += 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), ' '));
  }
  void paragraphs(const std::vector<model::Paragraph>& list, bool nested) {
    for (const auto& p : list) {
      if (nested)
        ++items;
      if (p.kind == model::Paragraph::Kind::heading)
        ++headings;
      inlines(p.content);
      paragraphs(p.items, true);
    }
  }
};

// Whether `format` reports its layout analysis: its importer takes the `layout` option.
bool has_layout(const FormatEntry& format) {
  const auto& specs = format.descriptor.import_options;
  return std::any_of(specs.begin(), specs.end(), [](const OptionSpec& s) { return s.name == "layout"; });
}

// inspect.no-layout: --layout asked of a format that has no layout report, a usage error
// (exit 2) as a validator asked of a format without one is: nothing is imported.
void report_no_layout(const PluginRegistry& registry, const FormatEntry& format, const std::string& file,
                      DiagnosticSink& sink) {
  std::string with;
  for (const FormatEntry& f : registry.formats())
    if (has_layout(f))
      with += (with.empty() ? "" : ", ") + f.descriptor.id;
  sink.error("inspect.no-layout",
             "the '" + format.descriptor.id + "' format has no layout report" +
                 (with.empty() ? std::string() : " (--layout is for " + with + ")"),
             {file});
}

// The importer's layout notes (codes ending in ".layout"), in page order, then from the top
// of the page down.
std::vector<Diagnostic> sorted_layout(std::vector<Diagnostic> notes) {
  std::stable_sort(notes.begin(), notes.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.location.page != b.location.page ? a.location.page < b.location.page
                                              : a.location.offset < b.location.offset;
  });
  return notes;
}

// The layout report as the "layout" member of `inspect --json --layout`:
// [{"page": 1, "notes": [{"y": 38, "note": "paragraph starts: ..."}, ...]}, ...].
nlohmann::ordered_json layout_json(const std::vector<Diagnostic>& notes) {
  nlohmann::ordered_json pages = nlohmann::ordered_json::array();
  for (const auto& d : notes) {
    if (pages.empty() || pages.back()["page"].get<int>() != d.location.page)
      pages.push_back({{"page", d.location.page}, {"notes", nlohmann::ordered_json::array()}});
    pages.back()["notes"].push_back({{"y", d.location.offset}, {"note", d.message}});
  }
  return pages;
}

// The layout report as text, before the summary or the dump.
void print_layout(const std::string& name, const std::vector<Diagnostic>& notes) {
  std::cout << "Layout of " << name << "\n";
  if (notes.empty())
    std::cout << "  no layout notes\n";
  int page = -1;
  for (const auto& d : notes) {
    if (d.location.page != page) {
      page = d.location.page;
      std::cout << "page " << page << "\n";
    }
    std::cout << "  y=" << d.location.offset << "  " << d.message << "\n";
  }
  std::cout << "\n";
}

} // namespace

void add_inspect_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand("inspect", "Summarise the structure of a document");
  cmd->footer("Examples:\n  resconv inspect res.pdf\n  resconv inspect --json --layout res.pdf");
  auto input_path = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  auto dump = std::make_shared<bool>(false);
  auto layout = std::make_shared<bool>(false);
  auto options = std::make_shared<OptionArgs>();
  auto timeout = std::make_shared<double>();
  cmd->add_option("input", *input_path, "Input file, or - for standard input")->required();
  cmd->add_option("-f,--from", *from, "Input format id (default: detected)");
  cmd->add_option("--option", *options, "An import option, [format.]name=value; repeatable");
  auto* json_flag = cmd->add_flag("--json", *as_json, "Print the summary as one JSON document");
  cmd->add_flag("--dump", *dump, "Print the canonical dump of the model instead of a summary")
      ->excludes(json_flag);
  cmd->add_flag("--layout", *layout,
                "Also show the layout analysis page by page (furniture, paragraph and footnote starts), for "
                "formats that report one (pdf); with --json, as its \"layout\" member");
  add_timeout_option(*cmd, *timeout);
  cmd->callback([&context, &exit_code, input_path, from, as_json, dump, options, layout, timeout] {
    const PluginRegistry& registry = context.registry();
    // --layout: the importer's layout notes are collected here instead of printed.
    struct LayoutSink final : DiagnosticSink {
      DiagnosticSink& target;
      std::vector<Diagnostic> layout;
      explicit LayoutSink(DiagnosticSink& t) : target(t) {}
      void report(Diagnostic d) noexcept override {
        if (d.code.size() > 7 && d.code.compare(d.code.size() - 7, 7, ".layout") == 0)
          layout.push_back(std::move(d));
        else
          target.report(std::move(d));
      }
    } sink(context.printer());
    const std::string shown = input_display_name(*input_path);
    // The options of one format: the --from one before the input is read, else the detected one.
    auto options_of = [&](const FormatEntry& format) -> std::optional<Options> {
      try {
        Options chosen = resolve_options(*options, &format.descriptor, nullptr).first;
        if (*layout)
          chosen.set("layout", true);
        return chosen;
      } catch (const OptionError& e) {
        context.printer().error("inspect.option", e.what());
        return std::nullopt;
      }
    };
    // Usage mistakes with --from are found before the input is read.
    if (!from->empty()) {
      const FormatEntry* given = find_format(registry, *from, FormatUse::importing, "inspect", sink, shown);
      if (given == nullptr) {
        exit_code = exit_usage;
        return;
      }
      if (*layout && !has_layout(*given)) {
        report_no_layout(registry, *given, shown, sink);
        exit_code = exit_usage;
        return;
      }
      if (!options_of(*given)) {
        exit_code = exit_usage;
        return;
      }
    }
    auto [input, resolved] = resolve_format(registry, *input_path, context.max_input_bytes,
                                            {"inspect", *from, FormatUse::importing}, sink);
    if (!input || !resolved) {
      exit_code = resolved.code;
      return;
    }
    const FormatEntry& format = *resolved.format;
    if (*layout && !has_layout(format)) {
      report_no_layout(registry, format, input->name(), sink);
      exit_code = exit_usage;
      return;
    }
    std::optional<Options> import_options = options_of(format);
    if (!import_options) {
      exit_code = exit_usage;
      return;
    }
    int code = exit_ok;
    std::optional<model::Document> document;
    {
      TimeLimit limit(*timeout, context.printer(), input->name(), 0, exit_input);
      set_phase(Phase::importing);
      document = import_document(registry, *input, format.descriptor.id, *import_options, sink, code);
    }
    if (!document) {
      exit_code = code;
      return;
    }
    exit_code = exit_ok;
    std::vector<Diagnostic> layout_notes = sorted_layout(std::move(sink.layout));
    if (*layout && !*as_json)
      print_layout(input->name(), layout_notes);
    if (*dump) {
      std::cout << model::dump(*document);
      return;
    }
    Counts c;
    c.paragraphs(document->preamble, false);
    c.paragraphs(document->operative, false);
    for (const auto& a : document->annexes) {
      c.paragraphs(a.preamble, false);
      c.paragraphs(a.operative, false);
    }
    std::size_t body_words = c.words;
    for (const auto& f : document->footnotes)
      c.inlines(f.content);
    c.words = body_words;
    // Metadata and formula exactly as the JSON contract writes them.
    auto contract = nlohmann::ordered_json::parse(model::to_json(*document));
    nlohmann::ordered_json j;
    j["input"] = input->name();
    j["format"] = format.descriptor.id;
    j["metadata"] = contract["metadata"];
    j["formula"] = contract["formula"];
    j["preamble"] = document->preamble.size();
    j["operative"] = document->operative.size();
    j["items"] = c.items;
    j["headings"] = c.headings;
    j["footnotes"] = document->footnotes.size();
    j["footnote_calls"] = c.calls;
    j["references"] = c.references;
    j["annexes"] = document->annexes.size();
    j["words"] = c.words;
    if (*as_json) {
      // One JSON document and nothing else on standard output (diagnostics go to standard
      // error), so that `inspect --json --layout | jq` works.
      // A note's quoted text is cut to a few characters and may end inside a UTF-8
      // sequence: such bytes are written as U+FFFD rather than failing the dump.
      if (*layout)
        j["layout"] = layout_json(layout_notes);
      std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
      return;
    }
    std::cout << input->name() << " (" << j["format"].get<std::string>() << ")\n";
    for (const auto& [key, value] : j["metadata"].items())
      std::cout << "  " << key << ": "
                << (value.is_null()     ? "-"
                    : value.is_string() ? value.get<std::string>()
                                        : value.dump())
                << "\n";
    std::cout << "  formula: " << (document->formula ? *document->formula : "-") << "\n";
    for (const char* key : {"preamble", "operative", "items", "headings", "footnotes", "footnote_calls",
                            "references", "annexes", "words"})
      std::cout << "  " << key << ": " << j[key].get<std::size_t>() << "\n";
  });
}

} // namespace resconv::host
