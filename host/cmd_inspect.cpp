#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "format_detector.hpp"
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

} // namespace

void add_inspect_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand("inspect", "Summarise the structure of a document");
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
  cmd->add_flag("--json", *as_json, "Print the summary as JSON");
  cmd->add_flag("--dump", *dump, "Print the canonical dump of the model instead of a summary");
  cmd->add_flag("--layout", *layout,
                "Also show the layout analysis page by page (furniture, paragraph and footnote starts), for "
                "formats that report one (pdf)");
  add_timeout_option(*cmd, *timeout);
  cmd->callback([&context, &exit_code, input_path, from, as_json, dump, options, layout, timeout] {
    auto input = read_input(*input_path, context.printer(), context.max_input_bytes);
    if (!input) {
      exit_code = exit_input;
      return;
    }
    const PluginRegistry& registry = context.registry();
    const FormatEntry* format = from->empty() ? nullptr : registry.find(*from);
    Options import_options;
    int code = exit_ok;
    if (!options->empty()) {
      try {
        if (format == nullptr) {
          context.printer().error("inspect.usage", "--option needs --from");
          exit_code = exit_usage;
          return;
        }
        import_options = resolve_options(*options, &format->descriptor, nullptr).first;
      } catch (const OptionError& e) {
        context.printer().error("inspect.option", e.what());
        exit_code = exit_usage;
        return;
      }
    }
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
    std::string format_id = *from;
    if (*layout && format_id.empty()) {
      std::string name = input->path() ? input->path()->filename().string() : std::string();
      if (const FormatEntry* detected =
              detect_format(registry, {input->head(probe_head_size), name}, sink, input->name()).format)
        format_id = detected->descriptor.id;
    }
    if (*layout && !format_id.empty()) {
      const FormatEntry* f = registry.find(format_id);
      bool has_layout = f != nullptr &&
                        std::any_of(f->descriptor.import_options.begin(), f->descriptor.import_options.end(),
                                    [](const OptionSpec& s) { return s.name == "layout"; });
      if (has_layout) {
        if (import_options.values().empty())
          import_options = Options::parse(f->descriptor.import_options, {});
        import_options.set("layout", true);
      } else {
        context.printer().note("inspect.no-layout", "the '" + format_id + "' format has no layout report");
      }
    }
    const FormatEntry* used = nullptr;
    std::optional<model::Document> document;
    {
      TimeLimit limit(*timeout, context.printer(), input->name(), 0, exit_input);
      document = import_document(registry, *input, format_id, import_options, sink, code, &used);
    }
    if (!document) {
      exit_code = code;
      return;
    }
    exit_code = exit_ok;
    if (*layout && !sink.layout.empty()) {
      std::stable_sort(sink.layout.begin(), sink.layout.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.location.page != b.location.page ? a.location.page < b.location.page
                                                  : a.location.offset < b.location.offset;
      });
      int page = -1;
      std::cout << "Layout of " << input->name() << "\n";
      for (const auto& d : sink.layout) {
        if (d.location.page != page) {
          page = d.location.page;
          std::cout << "page " << page << "\n";
        }
        std::cout << "  y=" << d.location.offset << "  " << d.message << "\n";
      }
      std::cout << "\n";
    }
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
    j["format"] = used ? used->descriptor.id : "";
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
      std::cout << j.dump(2) << "\n";
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
