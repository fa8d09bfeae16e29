#pragma once
// `resconv batch`: many inputs, converted by child processes (`resconv convert`), up to
// `jobs` at a time. A child per file gives each conversion its own address space: a
// pathological file can be timed out and killed, a crash stays with its file, and no
// library state is shared between conversions.

#include <filesystem>
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
  std::filesystem::path input;
  std::string relative; ///< Path under its input folder: mirrored in the output, hashed for shards.
  std::vector<std::filesystem::path> outputs;
};

/// The inputs of a batch, expanded, filtered, sorted, sharded. Throws std::runtime_error
/// naming the problem (a missing input, an unreadable list).
std::vector<BatchJob> collect_jobs(const BatchSettings& settings, const std::vector<std::string>& extensions);

/// True when `relative` falls in shard `index` of `count` (stable across machines and runs).
bool in_shard(const std::string& relative, int index, int count);

/// Runs a batch; returns the exit code (0 all done, 6 some failed, 3 all failed,
/// 2 nothing to do, 130 interrupted).
int run_batch(const BatchSettings& settings, const std::vector<std::string>& extensions);

} // namespace resconv::host
