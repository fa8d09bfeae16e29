#pragma once
// `resconv batch`: many inputs, converted by child processes (`resconv convert`), up to
// `jobs` at a time. A child per file gives each conversion its own address space: a
// pathological file can be timed out and killed, a crash stays with its file, and no
// library state is shared between conversions.

#include <resconv/sdk/diagnostics.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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

/// Runs a batch; returns the exit code (0 all done, 6 some failed, 3 all failed,
/// 2 nothing to do or a usage error, 4 the scratch folder or the manifest could not be
/// written, 130 interrupted). Problems of the run itself go to `sink`.
int run_batch(const BatchSettings& settings, const std::vector<std::string>& extensions,
              DiagnosticSink& sink);

/// Bytes as lower-case hex: how the batch hands paths to its workers and writes a name that
/// is not UTF-8 in the manifest, byte for byte.
std::string to_hex(std::string_view bytes);
/// The bytes of a hex string, or nothing when it is not one.
std::optional<std::string> from_hex(std::string_view hex);

} // namespace resconv::host
