#pragma once
// The batch's manifest: one JSON line per input, each written whole or the run stops with
// an error; and, for --resume, what an earlier run recorded.

#include "batch/jobs.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <sys/types.h>

namespace resconv::host {

/// What each input's last line in the manifest at `path` says (`status`), by input path
/// (its bytes: `input_hex` when the line has it). Lines cut short are ignored; a missing
/// file is an empty record.
std::map<std::string, std::string> read_manifest_statuses(const std::string& path);

class ManifestWriter {
public:
  ManifestWriter() = default;
  ~ManifestWriter();
  ManifestWriter(const ManifestWriter&) = delete;
  ManifestWriter& operator=(const ManifestWriter&) = delete;

  /// Opens (appending or truncating) the manifest, making its parent folders first as the
  /// outputs' are made; on failure returns the reason.
  std::string open(const std::string& path, bool append);
  bool is_open() const { return m_fd >= 0; }
  /// A write failed: the manifest holds whole lines, but not every file's.
  bool failed() const { return !m_error.empty(); }
  const std::string& error() const { return m_error; }
  std::size_t lines() const { return m_lines; }

  /// Writes the line of one input. Nothing when the manifest is not open or failed before;
  /// false (and error()) when this write failed.
  bool record(const BatchJob& job, const std::string& status, double seconds, int code,
              const nlohmann::json& diagnostics);
  /// Flushes to the disk and closes; false (and error()) when that fails.
  bool close();

private:
  bool write_line(const std::string& line);
  bool write(std::string_view bytes);
  std::string m_path, m_error;
  int m_fd = -1;
  bool m_regular = false;
  off_t m_size = 0;
  std::size_t m_lines = 0;
};

} // namespace resconv::host
