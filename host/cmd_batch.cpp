#include "batch.hpp"
#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"

#include <thread>

namespace resconv::host {

void add_batch_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd =
      app.add_subcommand("batch", "Convert many documents: parallel, resumable, shardable, with a manifest");
  cmd->footer("Examples:\n"
              "  resconv batch pdfs/ -O out/ --to akn --manifest out/manifest.jsonl\n"
              "  resconv batch archive/ -O out/ --to json --to akn --include '*.pdf' -j 8 --resume "
              "--manifest m.jsonl\n"
              "  find . -name '*.txt' | resconv batch --files-from - -O out/ --to json --shard 2/4\n"
              "See docs/batch.md for GNU parallel, Slurm and Kubernetes.");
  auto st = std::make_shared<BatchSettings>();
  st->jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto shard = std::make_shared<std::string>();
  cmd->add_option("inputs", st->inputs, "Files and folders (folders are searched recursively)");
  cmd->add_option("--files-from", st->files_from, "Read input paths from FILE, one per line (- for stdin)");
  cmd->add_option("--include", st->include,
                  "Only inputs whose relative path or name matches this glob (repeatable)");
  cmd->add_option("--exclude", st->exclude, "Leave out inputs matching this glob (repeatable)");
  cmd->add_option("-O,--output-dir", st->output_dir, "Output folder; the input tree is mirrored under it")
      ->required();
  cmd->add_option("-t,--to", st->to, "Output format id (repeatable)")->required();
  cmd->add_option("-f,--from", st->from, "Input format id (default: detected per file)");
  cmd->add_option("--option", st->options, "A format option, [format.]name=value (repeatable)");
  cmd->add_option("-j,--jobs", st->jobs, "Conversions at a time (default: the number of cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--manifest", st->manifest, "Write a JSON-lines manifest: one line per input");
  cmd->add_flag("--resume", st->resume, "Skip inputs the manifest records as done whose outputs are newer");
  cmd->add_option("--shard", *shard,
                  "Take shard K of N (K/N, 1-based) by a stable hash of each input's path");
  cmd->add_option("--timeout", st->timeout, "Seconds allowed per input; 0 for no limit (default: 300)");
  cmd->add_flag("--fail-fast", st->fail_fast, "Start no new conversion after the first failure");
  cmd->callback([&context, &exit_code, st, shard] {
    if (st->inputs.empty() && st->files_from.empty()) {
      context.printer().error("batch.usage", "no inputs: give files, folders or --files-from");
      exit_code = exit_usage;
      return;
    }
    if (!shard->empty()) {
      if (std::sscanf(shard->c_str(), "%d/%d", &st->shard_index, &st->shard_count) != 2 ||
          st->shard_count < 1 || st->shard_index < 1 || st->shard_index > st->shard_count) {
        context.printer().error("batch.usage", "--shard takes K/N with 1 <= K <= N, not '" + *shard + "'");
        exit_code = exit_usage;
        return;
      }
    }
    if (st->resume && st->manifest.empty()) {
      context.printer().error("batch.usage", "--resume needs --manifest");
      exit_code = exit_usage;
      return;
    }
    st->quiet = context.quiet;
    st->plugin_dirs = context.plugin_dirs;
    st->max_input_bytes = context.max_input_bytes;
    // Every usage mistake is found here, once, before any input is collected or converted:
    // one bad option is one error, never a failure per file.
    const PluginRegistry& registry = context.registry();
    if (!st->from.empty()) {
      const FormatEntry* f = registry.find(st->from);
      if (f == nullptr || !f->descriptor.can_import) {
        context.printer().error("batch.unknown-format", "no format '" + st->from + "' that can import");
        exit_code = exit_usage;
        return;
      }
    }
    std::vector<std::string> extensions;
    for (const auto& id : st->to) {
      const FormatEntry* f = registry.find(id);
      if (f == nullptr || !f->descriptor.can_export) {
        context.printer().error("batch.unknown-format", "no format '" + id + "' that can export");
        exit_code = exit_usage;
        return;
      }
      extensions.push_back(f->descriptor.extensions.empty() ? id : f->descriptor.extensions.front());
    }
    // Against every format the batch may use (the --from format or every importer, and
    // each --to); a `format.` prefix applies to that format only. The workers then skip an
    // option meant for another input format with a note instead of failing the file.
    try {
      check_option_args(st->options, option_scope(registry, st->from, st->to));
    } catch (const OptionError& e) {
      context.printer().error("batch.option", e.what());
      exit_code = exit_usage;
      return;
    }
    st->options_checked = true;
    BatchResult result = run_batch(*st, extensions, context.printer());
    // The workers' warnings are not seen by the printer: counted for --fail-if-warnings.
    context.other_warnings += result.counts.warned;
    exit_code = result.exit_code;
  });
}

} // namespace resconv::host
