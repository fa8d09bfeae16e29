#pragma once
// The batch's scratch folder (where the workers write each file's diagnostics), and the
// clean-up of what runs that were killed left behind: their scratch folders and the
// temporary files beside this run's outputs.

#include "batch/jobs.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace resconv::host {

/// The run's own scratch folder in $TMPDIR (else /tmp): made by mkdtemp (a name nobody can
/// predict, mode 0700) with an owner file naming this process, removed with its files when
/// the object goes. Nothing in it is followed through a link.
class ScratchFolder {
public:
  ScratchFolder() = default;
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  /// Makes the folder; on failure returns the reason (the run must not start).
  std::string make();
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
  int m_base = -1, m_dir = -1;
};

/// Removes the scratch folders of earlier runs that were killed (SIGKILL, an OOM kill, a
/// node lost): those of this user, made on this boot in this pid namespace by a process that
/// is gone. Returns how many.
std::size_t remove_stale_scratch();

/// Removes the temporary files (`.<name>.resconv-XXXXXX`) a killed run left beside this
/// run's own outputs (another shard writing into the same -O keeps its own). Returns how many.
std::size_t remove_stale_temporaries(const std::vector<BatchJob>& jobs);

} // namespace resconv::host
