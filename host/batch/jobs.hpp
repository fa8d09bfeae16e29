#pragma once
// The job list of a batch: the inputs named, walked, filtered, de-duplicated, checked for
// outputs that would clash, and sharded.

#include <resconv/sdk/diagnostics.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace resconv::host {

struct BatchSettings {
  std::vector<std::string> inputs;  ///< Files and folders.
  std::string files_from;           ///< A file listing inputs, or "-" for stdin.
  std::vector<std::string> include; ///< Globs on the path relative to its folder.
  std::vector<std::string> exclude;
  std::string output_dir;
  std::vector<std::string> to;
  std::string from;
  std::vector<std::string> options;
  /// The command checked `options` against every format of the batch (check_option_args).
  bool options_checked = false;
  std::vector<std::string> plugin_dirs; ///< Passed on to the children.
  int jobs = 1;
  std::string manifest;
  bool resume = false;
  int shard_index = 1, shard_count = 1; ///< --shard K/N
  bool quiet = false;
  bool fail_fast = false;
  double timeout = 300;            ///< Seconds per file; 0 for none.
  std::size_t max_input_bytes = 0; ///< Passed on to the children (0: their default).
};

/// One input and what it becomes.
struct BatchJob {
  std::filesystem::path input; ///< As given, or as found by walking a folder given.
  /// Path mirrored under the output folder, hashed for shards: relative to the input folder
  /// for a file found in a folder, relative to the common parent folder of all the inputs
  /// named as files otherwise. Never absolute, never with `..`.
  std::string relative;
  std::vector<std::filesystem::path> outputs;
};

/// The inputs of a batch, expanded, filtered, sorted, sharded. Reports every problem to
/// `sink` (a missing input, an unreadable list or folder, two inputs that would write the
/// same output) and returns nothing when there was one: a usage error, before any work.
std::optional<std::vector<BatchJob>>
collect_jobs(const BatchSettings& settings, const std::vector<std::string>& extensions, DiagnosticSink& sink);

/// True when `relative` falls in shard `index` of `count` (stable across machines and runs).
bool in_shard(const std::string& relative, int index, int count);

/// `p` made absolute (when it can be) and lexically normal.
std::filesystem::path absolute_normal(const std::filesystem::path& p);

} // namespace resconv::host
