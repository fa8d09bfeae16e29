#include "batch/jobs.hpp"

#include <algorithm>
#include <cstdint>
#include <fnmatch.h>
#include <fstream>
#include <iostream>
#include <map>
#include <sys/stat.h>

namespace resconv::host {

namespace fs = std::filesystem;

namespace {

bool matches(const std::vector<std::string>& globs, const std::string& relative) {
  std::string name = std::filesystem::path(relative).filename().string();
  for (const auto& g : globs)
    if (::fnmatch(g.c_str(), relative.c_str(), 0) == 0 || ::fnmatch(g.c_str(), name.c_str(), 0) == 0)
      return true;
  return false;
}

// FNV-1a: stable across platforms and runs, unlike std::hash.
std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// An input found, before it becomes a job.
struct Found {
  fs::path path;     // As given or walked: what the worker reads and the manifest names.
  fs::path absolute; // Lexically normal absolute path: the same file given twice is one input.
  std::string relative;
};

bool hidden(const fs::path& name) {
  return !name.native().empty() && name.native().front() == '.';
}

// The deepest folder that holds every path in `files` (absolute, lexically normal).
fs::path common_parent(const std::vector<fs::path>& files) {
  fs::path common = files.front().parent_path();
  for (const auto& f : files) {
    fs::path parent = f.parent_path(), shared;
    auto a = common.begin(), b = parent.begin();
    for (; a != common.end() && b != parent.end() && *a == *b; ++a, ++b)
      shared /= *a;
    common = shared;
  }
  return common;
}

// How many clashes are listed one by one before the rest are counted: enough to see the
// pattern (two folders with the same names, .txt beside .md) without pages of errors.
constexpr std::size_t max_clashes_listed = 20;

} // namespace

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal();
}

bool in_shard(const std::string& relative, int index, int count) {
  return count <= 1 || static_cast<int>(fnv1a(relative) % static_cast<std::uint64_t>(count)) == index - 1;
}

namespace {

// Finds the inputs named on the command line and in --files-from: folders walked, files
// kept with the paths they mirror under -O, --include/--exclude applied. Every problem is
// reported; failed() then says the run must not start.
class InputFinder {
public:
  InputFinder(const BatchSettings& st, DiagnosticSink& sink) : m_st(st), m_sink(sink) {
    // The output folder, so that a walk does not go into it (the outputs of an earlier run
    // are not inputs). By identity when it exists, so another spelling of it is seen too.
    m_out_exists = !st.output_dir.empty() && ::stat(st.output_dir.c_str(), &m_out_stat) == 0;
  }

  // A file or a folder given as input.
  void add(const std::string& given) {
    std::error_code ec;
    fs::path p(given);
    if (fs::is_directory(p, ec))
      walk(given);
    else if (fs::exists(p, ec))
      m_files.emplace_back(p, absolute_normal(p));
    else
      fail("batch.no-input", "no such file or folder", given);
  }

  // The inputs listed in --files-from, one per line (blank lines and # comments left out).
  void add_list(const std::string& list) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (list != "-") {
      file.open(list);
      if (!file) {
        fail("io.read", "cannot read the list of inputs", list);
        return;
      }
      in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
      if (!line.empty() && line.front() != '#')
        add(line);
    }
    if (in->bad())
      fail("io.read", "cannot read the list of inputs to its end", list == "-" ? "<stdin>" : list);
  }

  bool failed() const { return m_failed; }

  // What was found. Files named one by one (absolute paths, `find` output, `../x`) mirror
  // their paths under the folder that holds them all: no two distinct files share a
  // relative path, and none leads outside -O.
  std::vector<Found> take() {
    if (!m_files.empty()) {
      std::vector<fs::path> absolute;
      for (const auto& f : m_files)
        absolute.push_back(f.second);
      fs::path common = common_parent(absolute);
      for (auto& [path, abs] : m_files) {
        std::string relative = abs.lexically_relative(common).generic_string();
        if (wanted(relative))
          m_found.push_back({path, abs, relative});
      }
      m_files.clear();
    }
    return std::move(m_found);
  }

private:
  void fail(const std::string& code, const std::string& message, const std::string& subject) {
    m_sink.error(code, message, {subject});
    m_failed = true;
  }

  bool wanted(const std::string& relative) const {
    return (m_st.include.empty() || matches(m_st.include, relative)) && !matches(m_st.exclude, relative);
  }

  bool is_output_dir(const fs::path& dir) const {
    struct stat s {};
    return m_out_exists && ::stat(dir.c_str(), &s) == 0 && s.st_dev == m_out_stat.st_dev &&
           s.st_ino == m_out_stat.st_ino;
  }

  void walk(const std::string& given) {
    fs::path root(given);
    if (is_output_dir(root)) {
      fail("batch.usage", "the input folder is the output folder (-O); give another -O", given);
      return;
    }
    fs::path absolute_root = absolute_normal(root);
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code tec;
      bool directory = it->is_directory(tec);
      // Hidden files and folders (.git, .cache, .snapshot) are not inputs, nor what lies in them.
      if (hidden(p.filename()) || (directory && is_output_dir(p))) {
        if (directory)
          it.disable_recursion_pending();
        continue;
      }
      if (!directory && it->is_regular_file(tec)) {
        std::string relative = p.lexically_relative(root).generic_string();
        if (wanted(relative))
          m_found.push_back({p, (absolute_root / relative).lexically_normal(), relative});
      }
    }
    // A folder that cannot be read to the end would leave its files out unseen.
    if (ec)
      fail("io.read", "cannot read the folder: " + ec.message(), given);
  }

  const BatchSettings& m_st;
  DiagnosticSink& m_sink;
  struct stat m_out_stat {};
  bool m_out_exists = false;
  bool m_failed = false;
  std::vector<Found> m_found;
  std::vector<std::pair<fs::path, fs::path>> m_files; // Named as files: path as given, absolute.
};

} // namespace

std::optional<std::vector<BatchJob>>
collect_jobs(const BatchSettings& st, const std::vector<std::string>& extensions, DiagnosticSink& sink) {
  InputFinder finder(st, sink);
  for (const auto& i : st.inputs)
    finder.add(i);
  if (!st.files_from.empty())
    finder.add_list(st.files_from);
  if (finder.failed())
    return std::nullopt;
  std::vector<Found> found = finder.take();
  bool bad = false;
  // The manifest is this run's record, not an input, when it lies in an input folder.
  if (!st.manifest.empty()) {
    fs::path manifest = absolute_normal(st.manifest);
    found.erase(
        std::remove_if(found.begin(), found.end(), [&](const Found& f) { return f.absolute == manifest; }),
        found.end());
  }
  // The same file reached twice (a folder and a file in it, a list with repeats) is one input.
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.absolute < b.absolute; });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Found& a, const Found& b) { return a.absolute == b.absolute; }),
              found.end());
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.relative != b.relative ? a.relative < b.relative : a.absolute < b.absolute;
  });

  // Every output is <relative folder>/<stem>.<extension>: two inputs with the same relative
  // folder and stem (d1/r.txt and d2/r.txt, r.txt and r.md) would write the same files.
  // Checked over all the inputs, before sharding, so every shard refuses the same run.
  std::map<std::string, std::size_t> by_output;
  std::size_t clashes = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    fs::path rel(found[i].relative);
    if (rel.is_absolute() || (!rel.empty() && *rel.begin() == "..")) {
      sink.error("batch.usage", "the output would fall outside -O", {found[i].path.string()});
      bad = true;
      continue;
    }
    std::string key = (rel.parent_path() / rel.stem()).generic_string();
    auto [it, fresh] = by_output.emplace(key, i);
    if (fresh)
      continue;
    if (++clashes <= max_clashes_listed)
      sink.error(
          "batch.output-clash",
          "'" + found[it->second].path.string() + "' and '" + found[i].path.string() +
              "' would both be written to '" +
              (fs::path(st.output_dir) / rel.parent_path() / (rel.stem().string() + "." + extensions.front()))
                  .string() +
              "'; leave one out (--exclude), rename one, or convert them in separate runs with different -O",
          {found[i].path.string()});
    bad = true;
  }
  if (clashes > max_clashes_listed)
    sink.error("batch.output-clash",
               std::to_string(clashes - max_clashes_listed) + " more inputs clash likewise");
  if (bad)
    return std::nullopt;

  std::vector<BatchJob> jobs;
  for (auto& f : found) {
    if (!in_shard(f.relative, st.shard_index, st.shard_count))
      continue;
    BatchJob job{f.path, f.relative, {}};
    fs::path rel(f.relative);
    for (const auto& ext : extensions)
      job.outputs.push_back(fs::path(st.output_dir) / rel.parent_path() / (rel.stem().string() + "." + ext));
    jobs.push_back(std::move(job));
  }
  return jobs;
}

} // namespace resconv::host
