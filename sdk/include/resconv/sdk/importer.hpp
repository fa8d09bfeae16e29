#pragma once
/// \file importer.hpp
/// The interface of an importer: one object per conversion, made by Plugin::make_importer().

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/io.hpp>
#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/options.hpp>

#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace resconv {

/// The three answers of a content probe.
enum class Probe { no, unknown, yes };

/// What a probe sees: the head of the input (read once by the host) and its name.
struct ProbeInput {
  std::string_view head; ///< The first bytes of the input (up to 64 KiB).
  std::string_view name; ///< File name as given, or empty for standard input.
};

/// Thrown by importers and exporters for a problem that stops the conversion. `run()`
/// turns it into an error diagnostic with this code and location.
class ConversionError : public std::runtime_error {
public:
  /// `code` is stable and dotted (`myformat.bad-header`); `location` may be left empty
  /// (run() fills in the input's name).
  ConversionError(std::string code, const std::string& message, Location location = {})
      : std::runtime_error(message), m_code(std::move(code)), m_location(std::move(location)) {}
  /// The diagnostic code.
  const std::string& code() const noexcept { return m_code; }
  /// Where the problem is.
  const Location& location() const noexcept { return m_location; }

private:
  std::string m_code;
  Location m_location;
};

/// An integer limit option of an importer: its value (`fallback` when the options do not
/// hold it), checked to lie in [`least`, `most`]. Throws ConversionError `code` (the
/// plugin's "<id>.option") naming the option otherwise.
std::int64_t limit_option(const Options& options, const std::string& name, std::int64_t fallback,
                          std::int64_t least, std::int64_t most, const std::string& code);

/// Base class of importers. Plugin authors implement do_probe() and do_import(); the host
/// calls probe() and run().
///
/// probe() and run() are virtual, final and defined inline here: the host reaches them
/// through the plugin's vtable, so they are compiled into the plugin, and no exception
/// ever crosses the library boundary.
///
/// One importer is used by one thread for one conversion.
class Importer {
public:
  virtual ~Importer() = default;

  /// Answers whether the input is in this format. Never throws: an exception is `unknown`.
  virtual Probe probe(const ProbeInput& input) noexcept final {
    try {
      return do_probe(input);
    } catch (...) {
      return Probe::unknown;
    }
  }

  /// Imports a document. Returns the document, or nothing after reporting at least one
  /// error to `sink`. Never throws. Characters no output can hold are replaced in the
  /// document (model::replace_unsafe_characters, with a warning). Running out of memory is
  /// `input.out-of-memory`, not a plugin failure.
  virtual std::optional<model::Document> run(const InputSource& input, const Options& options,
                                             DiagnosticSink& sink) noexcept final {
    try {
      model::Document document = do_import(input, options, sink);
      if (std::size_t unsafe = model::replace_unsafe_characters(document))
        model::report_unsafe_characters(sink, unsafe, input.name());
      return document;
    } catch (const ConversionError& e) {
      Location where = e.location();
      if (where.file.empty())
        where.file = input.name();
      sink.error(e.code(), e.what(), where);
    } catch (const std::bad_alloc&) {
      sink.error("input.out-of-memory",
                 "the import ran out of memory (the input asks for more than this machine can give)",
                 {input.name()});
    } catch (const std::exception& e) {
      sink.error("plugin.exception", std::string("importer failed: ") + e.what(), {input.name()});
    } catch (...) {
      sink.error("plugin.exception", "importer failed with an unknown exception", {input.name()});
    }
    return std::nullopt;
  }

protected:
  /// The content probe. May throw (taken as `unknown`).
  virtual Probe do_probe(const ProbeInput& input) const = 0;
  /// The import. Reports warnings to `sink`; throws ConversionError (or any exception) when
  /// it cannot produce a document.
  virtual model::Document do_import(const InputSource& input, const Options& options,
                                    DiagnosticSink& sink) = 0;
};

} // namespace resconv
