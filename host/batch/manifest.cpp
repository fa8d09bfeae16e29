#include "batch/manifest.hpp"

#include "batch/protocol.hpp"

#include <resconv/sdk/utf8.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace resconv::host {

namespace {

bool valid_utf8(const std::string& s) {
  return utf8_invalid_at(s) == std::string_view::npos;
}

// The manifest's key for an input: `input_hex` (the bytes) when the name is not UTF-8, else `input`.
std::optional<std::string> manifest_input(const nlohmann::json& line) {
  if (auto hex = line.find("input_hex"); hex != line.end() && hex->is_string())
    return from_hex(hex->get<std::string>());
  return line.at("input").get<std::string>();
}

} // namespace

std::map<std::string, std::string> read_manifest_statuses(const std::string& path) {
  std::map<std::string, std::string> previous;
  std::ifstream old(path);
  std::string line;
  while (std::getline(old, line)) {
    try {
      auto j = nlohmann::json::parse(line);
      if (auto input = manifest_input(j))
        previous[*input] = j.at("status").get<std::string>();
    } catch (const std::exception&) {
      // A line cut short by an interruption: ignored.
    }
  }
  return previous;
}

ManifestWriter::~ManifestWriter() {
  if (m_fd >= 0)
    ::close(m_fd);
}

std::string ManifestWriter::open(const std::string& path, bool append) {
  m_path = path;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec)
      return "cannot make its folder " + parent.string() + ": " + ec.message();
  }
  m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
  if (m_fd < 0)
    return std::strerror(errno);
  struct stat s {};
  m_regular = ::fstat(m_fd, &s) == 0 && S_ISREG(s.st_mode);
  m_size = m_regular ? s.st_size : 0;
  if (append && m_size > 0) {
    // A line cut by an earlier run's end: the next line must not be glued to it.
    char last = '\n';
    int reader = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (reader >= 0) {
      if (::pread(reader, &last, 1, m_size - 1) != 1)
        last = '\n';
      ::close(reader);
    }
    if (last != '\n' && !write("\n"))
      return m_error;
  }
  return {};
}

bool ManifestWriter::record(const BatchJob& job, const std::string& status, double seconds, int code,
                            const nlohmann::json& diagnostics) {
  if (!is_open() || failed())
    return true;
  nlohmann::ordered_json j;
  std::string input = job.input.string();
  j["input"] = input; // Not UTF-8: each bad byte shows as U+FFFD, input_hex holds the bytes.
  if (!valid_utf8(input))
    j["input_hex"] = to_hex(input);
  std::vector<std::string> outs;
  bool outs_utf8 = true;
  for (const auto& o : job.outputs) {
    outs.push_back(o.string());
    outs_utf8 = outs_utf8 && valid_utf8(outs.back());
  }
  j["outputs"] = outs;
  if (!outs_utf8) {
    std::vector<std::string> hex;
    for (const auto& o : outs)
      hex.push_back(to_hex(o));
    j["outputs_hex"] = hex;
  }
  j["status"] = status;
  j["exit_code"] = code;
  j["seconds"] = std::round(seconds * 1000) / 1000;
  j["diagnostics"] = diagnostics;
  return write_line(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Writes one line whole; on failure cuts the file back to its last whole line.
bool ManifestWriter::write_line(const std::string& line) {
  if (failed())
    return false;
  if (!write(line + "\n"))
    return false;
  ++m_lines;
  return true;
}

bool ManifestWriter::close() {
  if (m_fd < 0)
    return !failed();
  if (!failed() && ::fsync(m_fd) != 0 && errno != EINVAL && errno != EROFS)
    m_error = std::strerror(errno);
  if (::close(m_fd) != 0 && !failed())
    m_error = std::strerror(errno);
  m_fd = -1;
  return !failed();
}

bool ManifestWriter::write(std::string_view bytes) {
  off_t before = m_size;
  while (!bytes.empty()) {
    ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      m_error = n < 0 ? std::strerror(errno) : "nothing written";
      if (m_regular && ::ftruncate(m_fd, before) != 0)
        m_error += " (and the cut line could not be taken back)";
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    m_size += n;
  }
  return true;
}

} // namespace resconv::host
