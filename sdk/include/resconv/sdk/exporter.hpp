#pragma once
/// \file exporter.hpp
/// The interface of an exporter: one object per conversion, made by Plugin::make_exporter().

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/io.hpp>
#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/options.hpp>

#include <exception>
#include <new>
#include <optional>
#include <string>

namespace resconv {

/// Base class of exporters. Plugin authors implement do_export(); the host calls run().
/// Like Importer::run(), run() is virtual, final and inline, so it is compiled into the
/// plugin and no exception crosses the boundary. An exporter that cannot hold part of the
/// model reports a warning naming what it dropped.
class Exporter {
public:
  virtual ~Exporter() = default;

  /// Writes `document` to `output` (without committing it). Returns false after reporting
  /// at least one error to `sink`. Never throws. A document holding characters no output
  /// can hold (built by a program, not by an importer) is exported from a copy where they
  /// are replaced (model::replace_unsafe_characters, with a warning). A failed write is
  /// `io.write`; running out of memory is `output.out-of-memory`.
  virtual bool run(const model::Document& document, OutputSink& output, const Options& options,
                   DiagnosticSink& sink) noexcept final {
    try {
      if (std::size_t unsafe = model::count_unsafe_characters(document)) {
        model::Document clean = document;
        model::replace_unsafe_characters(clean);
        model::report_unsafe_characters(sink, unsafe, output.name());
        do_export(clean, output, options, sink);
      } else {
        do_export(document, output, options, sink);
      }
      return true;
    } catch (const ConversionError& e) {
      Location where = e.location();
      if (where.file.empty())
        where.file = output.name();
      sink.error(e.code(), e.what(), where);
    } catch (const IoError& e) {
      // The I/O classes name the file first; the diagnostic names it already.
      std::string message = e.what();
      if (message.rfind(output.name() + ": ", 0) == 0)
        message.erase(0, output.name().size() + 2);
      sink.error("io.write", message, {output.name()});
    } catch (const std::bad_alloc&) {
      sink.error("output.out-of-memory", "the export ran out of memory", {output.name()});
    } catch (const std::exception& e) {
      sink.error("plugin.exception", std::string("exporter failed: ") + e.what(), {output.name()});
    } catch (...) {
      sink.error("plugin.exception", "exporter failed with an unknown exception", {output.name()});
    }
    return false;
  }

protected:
  /// The export. Throws ConversionError (or any exception) on failure.
  virtual void do_export(const model::Document& document, OutputSink& output, const Options& options,
                         DiagnosticSink& sink) = 0;
};

} // namespace resconv
