#pragma once
/// \file io.hpp
/// Where documents come from (InputSource) and where they go (OutputSink).

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace resconv {

/// Thrown by the I/O classes when the operating system refuses an operation.
/// The message names the file and the reason.
class IoError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Thrown by InputSource when an input is larger than the size it was allowed.
class InputTooLarge : public IoError {
public:
  using IoError::IoError;
};

/// The bytes of one input document, read once and kept in memory.
/// Immutable after construction, so it may be read from several threads.
class InputSource {
public:
  /// Reads a whole file. Throws IoError (naming the file and the reason) when it cannot
  /// be opened or read, is a directory, or is larger than `max_bytes`.
  static InputSource from_file(const std::filesystem::path& path, std::size_t max_bytes = default_max_bytes);
  /// Wraps bytes already in memory; `name` is used in diagnostics.
  static InputSource from_memory(std::string name, std::string bytes);
  /// Reads standard input to its end. Throws IoError on a read error or when the input is
  /// larger than `max_bytes`.
  static InputSource from_stdin(std::size_t max_bytes = default_max_bytes);

  /// Largest input accepted by default (1 GiB): a guard against runaway pipes.
  static constexpr std::size_t default_max_bytes = std::size_t{1} << 30;

  /// Display name: the path as given, "<stdin>", or the memory name.
  const std::string& name() const noexcept { return m_name; }
  /// The path when the input is a file.
  const std::optional<std::filesystem::path>& path() const noexcept { return m_path; }
  /// All bytes of the input.
  std::string_view bytes() const noexcept { return m_bytes; }
  /// The first `n` bytes (or fewer when the input is shorter).
  std::string_view head(std::size_t n) const noexcept { return bytes().substr(0, n); }

private:
  InputSource() = default;
  std::string m_name;
  std::optional<std::filesystem::path> m_path;
  std::string m_bytes;
};

/// Where an exporter writes. Nothing a user owns is replaced by something else:
///  - a new path or a regular file: the sink writes a temporary file beside the target and
///    renames it over the target only on commit(), so a failed conversion never leaves a
///    half-written file (destroying an uncommitted sink removes the temporary file); a file
///    that is replaced keeps its permission bits (and, when run as root, its owner);
///  - a symbolic link: followed to what it names (also when that does not exist yet), which
///    is written as above; the link itself stays;
///  - a character or block device or a FIFO (`/dev/null`, a named pipe): written in place on
///    commit, never replaced; a FIFO without a reader is an error, not a wait;
///  - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the process's own
///    descriptor, written on commit;
///  - a directory or a socket: IoError.
/// Not thread-safe. Movable, not copyable.
class OutputSink {
public:
  /// A sink for `path` (see the class comment for devices, FIFOs and links). Throws IoError,
  /// naming the file and the reason, when `path` is a directory or a socket, a FIFO has no
  /// reader, or the temporary file cannot be created.
  static OutputSink to_file(const std::filesystem::path& path);
  /// A sink that keeps the bytes in memory (see memory()).
  static OutputSink to_memory(std::string name = "<memory>");
  /// A sink that buffers and writes to standard output on commit().
  static OutputSink to_stdout();

  /// Sinks move; a moved-from sink writes nothing and discards nothing.
  OutputSink(OutputSink&&) noexcept;
  /// Discards this sink's uncommitted output, then takes `other`'s.
  OutputSink& operator=(OutputSink&&) noexcept;
  ~OutputSink();

  /// Appends bytes. Throws IoError when the file cannot be written.
  void write(std::string_view bytes);
  /// Makes the output visible: flushes and renames the temporary file, or writes the
  /// buffer to standard output, the device or the FIFO. Throws IoError on failure (a file
  /// target is then untouched).
  void commit();
  /// Display name of the destination ("<stdout>", the path, or the memory name).
  const std::string& name() const noexcept;
  /// The bytes written so far (memory and stdout sinks; empty for file sinks).
  const std::string& memory() const noexcept;
  /// True once commit() succeeded.
  bool committed() const noexcept;

private:
  struct Impl;
  explicit OutputSink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of uncommitted file sinks
/// before the process ends with that signal, so an interrupted conversion leaves no
/// half-written file. Call once, early in main(). The bookkeeping is async-signal-safe.
void remove_temporary_files_on_signal();

/// Removes the temporary files of all uncommitted file sinks now, for code that ends the
/// process without unwinding (a signal handler, a time limit). Async-signal-safe.
void remove_temporary_files() noexcept;

} // namespace resconv
