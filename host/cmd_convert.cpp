#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"
#include "resolve_format.hpp"
#include "time_limit.hpp"

#include <filesystem>
#include <map>

namespace resconv::host {

void add_convert_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand("convert", "Convert documents from one format to another");
  cmd->footer("Examples:\n"
              "  resconv convert res.txt --to json            (JSON on standard output)\n"
              "  resconv convert res.txt -o res.json          (format from the extension)\n"
              "  resconv convert a.txt b.txt -O out/ --to json\n"
              "  resconv convert report.pdf --split -O decisions/ --to akn\n"
              "  cat res.txt | resconv convert - --from text --to json -o -");
  auto request = std::make_shared<ConversionRequest>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto timeout = std::make_shared<double>();
  cmd->add_option("inputs", *inputs, "Input files, or - for standard input")->required();
  cmd->add_option("-o,--output", request->output, "Output file, or - for standard output (one input only)");
  cmd->add_option("-O,--output-dir", request->output_dir, "Folder for the outputs, named <input stem>.<ext>");
  cmd->add_flag("--split", request->split,
                "Write each deliberation of a collection to a file of its own, named from its number "
                "(2/CMP.17 -> 2_CMP.17.<ext>), in the -O folder or beside -o");
  cmd->add_option("-f,--from", request->from, "Input format id (default: detected from the content)");
  cmd->add_option("-t,--to", request->to,
                  "Output format id, repeatable with -O (default: from the output file's extension)");
  cmd->add_option("--option", request->options,
                  "A format option, [format.]name=value; repeatable (see `resconv formats`)");
  add_timeout_option(*cmd, *timeout);
  cmd->callback([&context, &exit_code, request, inputs, timeout] {
    // Every usage mistake is found here, once, before any input is read: one bad option
    // is one error, never a failure per input.
    auto usage = [&](const std::string& code, const std::string& message) {
      context.printer().error(code, message);
      exit_code = exit_usage;
    };
    if (inputs->size() > 1 && !request->output.empty())
      return usage("convert.usage", "-o takes one input; use -O DIR for several");
    if (!request->output.empty() && !request->output_dir.empty())
      return usage("convert.usage", "-o FILE and -O DIR contradict each other; give one");
    if (request->split && (request->output == "-" ||
                           (request->output.empty() && inputs->size() == 1 && request->output_dir.empty())))
      return usage(
          "convert.usage",
          "--split writes one file per component: give -O DIR, or -o FILE beside which they are written");
    // Several inputs without -O are written into the current folder.
    if (inputs->size() > 1 && request->output_dir.empty())
      request->output_dir = ".";
    const PluginRegistry& registry = context.registry(); // Plugin discovery is not timed.
    if (!request->from.empty() &&
        find_format(registry, request->from, FormatUse::importing, "convert", context.printer()) == nullptr) {
      exit_code = exit_usage;
      return;
    }
    {
      ConversionRequest probe = *request;
      probe.input = inputs->front();
      auto targets = export_targets(registry, probe, context.printer());
      if (!targets) {
        exit_code = exit_usage;
        return;
      }
      std::vector<std::string> to;
      for (const FormatEntry* t : *targets)
        to.push_back(t->descriptor.id);
      // With one input the options are checked again, exactly, once its format is known;
      // with several, an option for one input format is skipped for the others.
      try {
        check_option_args(request->options, option_scope(registry, request->from, to));
      } catch (const OptionError& e) {
        return usage("convert.option", e.what());
      }
      request->options_checked = inputs->size() > 1;
    }
    // Two inputs that would write the same file (a/x.txt and b/x.txt, or r.txt and r.text,
    // into one -O folder) are a usage error before any work: one output would silently
    // replace the other.
    {
      std::map<std::string, std::string> writer; // output, lexically normal -> input
      for (const std::string& input : *inputs) {
        ConversionRequest one = *request;
        one.input = input;
        for (const std::string& out : planned_outputs(registry, one)) {
          if (out == "-")
            continue;
          std::string key = std::filesystem::absolute(out).lexically_normal().string();
          auto [at, fresh] = writer.emplace(key, input);
          std::error_code ec;
          bool same_input = at->second == input || std::filesystem::equivalent(at->second, input, ec);
          if (!fresh && !same_input) // one file given twice writes the same bytes twice
            return usage("convert.usage", input_display_name(at->second) + " and " +
                                              input_display_name(input) + " would both write " + out +
                                              "; convert them into different folders (or use batch, "
                                              "which keeps the input folders' layout)");
        }
      }
    }
    std::size_t failed = 0;
    int last_failure = exit_ok;
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      const std::string& input = (*inputs)[i];
      ConversionRequest one = *request;
      one.input = input;
      one.max_input_bytes = context.max_input_bytes;
      TimeLimit limit(*timeout, context.printer(), input_display_name(input), inputs->size() - i - 1,
                      i > failed ? exit_partial : exit_input);
      int code = convert(registry, one, context.printer());
      if (code != exit_ok) {
        ++failed;
        last_failure = code;
      }
    }
    if (failed == 0)
      exit_code = exit_ok;
    else if (failed == inputs->size())
      exit_code = last_failure;
    else
      exit_code = exit_partial;
  });
}

} // namespace resconv::host
