#pragma once
// The protocol between `resconv batch` and its `resconv worker` processes, written and read
// by both sides from these definitions only.
//
// The parent writes one job per line on the worker's standard input:
//   {"input": HEX, "output_dir": HEX, "to": [ID...], "from": ID, "options": [HEX...],
//    "options_checked": BOOL, "diagnostics": HEX}
// The worker converts it, writes the job's diagnostics as JSON lines to a new file named by
// "diagnostics" (in the batch's scratch folder), and answers one line on its standard output:
//   {"code": N, "warnings": W[, "diagnostics_error": TEXT]}
// Paths and options travel as lower-case hex: a JSON string carries only UTF-8, a file name
// or an option value may be any bytes.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resconv::host {

/// Bytes as lower-case hex: how the batch hands paths to its workers and writes a name that
/// is not UTF-8 in the manifest, byte for byte.
std::string to_hex(std::string_view bytes);
/// The bytes of a hex string (either case), or nothing when it is not one.
std::optional<std::string> from_hex(std::string_view hex);

/// A malformed job or reply line.
class ProtocolError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// One file to convert, as the parent hands it to a worker.
struct WorkerJob {
  std::string input;      ///< The input path (any bytes).
  std::string output_dir; ///< Where its outputs go.
  std::vector<std::string> to;
  std::string from;                 ///< Empty: detect.
  std::vector<std::string> options; ///< `--option` arguments as given (any bytes).
  /// The parent checked the options against every format of the batch (check_option_args):
  /// an option for another input format is skipped with a note, not a failure.
  bool options_checked = false;
  std::string diagnostics; ///< The file the worker creates for this job's diagnostics.
};

/// What a worker says when a job is done.
struct WorkerReply {
  int code = 1;                  ///< convert()'s exit code.
  std::size_t warnings = 0;      ///< Warnings among the job's diagnostics.
  std::string diagnostics_error; ///< Why not every diagnostic reached the file; empty when all did.
};

/// One line, without its newline. decode_* throw ProtocolError.
std::string encode_job(const WorkerJob& job);
WorkerJob decode_job(std::string_view line);
std::string encode_reply(const WorkerReply& reply);
WorkerReply decode_reply(std::string_view line);

} // namespace resconv::host
