#pragma once
/// \file validator.hpp
/// The interface of a validator: checks a document in its own format (schema, profile
/// rules) without converting it. Made by Plugin::make_validator(); used by
/// `resconv validate`.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/io.hpp>
#include <resconv/sdk/options.hpp>

#include <exception>
#include <string>

namespace resconv {

/// Base class of validators. Plugin authors implement do_validate(); the host calls run().
/// run() is virtual, final and inline like Importer::run(): compiled into the plugin, it
/// lets no exception cross the boundary. One validator serves one thread.
class Validator {
public:
  virtual ~Validator() = default;

  /// Checks `input`, reporting each problem to `sink`. Returns true when no error was
  /// reported. Never throws.
  virtual bool run(const InputSource& input, const Options& options, DiagnosticSink& sink) noexcept final {
    // Counts the errors on their way to the caller's sink.
    struct Counting final : DiagnosticSink {
      DiagnosticSink& target;
      int errors = 0;
      explicit Counting(DiagnosticSink& t) : target(t) {}
      void report(Diagnostic d) noexcept override {
        if (d.severity == Severity::error)
          ++errors;
        target.report(std::move(d));
      }
    } counting(sink);
    try {
      do_validate(input, options, counting);
    } catch (const ConversionError& e) {
      Location where = e.location();
      if (where.file.empty())
        where.file = input.name();
      counting.error(e.code(), e.what(), where);
    } catch (const std::exception& e) {
      counting.error("plugin.exception", std::string("validator failed: ") + e.what(), {input.name()});
    } catch (...) {
      counting.error("plugin.exception", "validator failed with an unknown exception", {input.name()});
    }
    return counting.errors == 0;
  }

protected:
  /// The checks. Reports problems to `sink`; throws ConversionError when it cannot check
  /// at all (unreadable input, missing schema).
  virtual void do_validate(const InputSource& input, const Options& options, DiagnosticSink& sink) = 0;
};

} // namespace resconv
