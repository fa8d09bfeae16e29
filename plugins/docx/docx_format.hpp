#pragma once
// The docx format (formats/docx/spec.md): WordprocessingML in and out.

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace resconv::docx {

/// Limits against zip bombs: entries, bytes per entry, total bytes, compression ratio.
struct ZipLimits {
  std::size_t max_entries = 10000;
  std::size_t max_entry_bytes = 64u << 20;
  std::size_t max_total_bytes = 256u << 20;
  double max_ratio = 200.0; ///< Uncompressed / compressed, for entries above 1 MiB.
};

/// Reads the named entries of a zip held in memory (missing ones are absent from the
/// result); entry names are looked up, never used as paths. Throws ConversionError:
/// docx.zip (not a zip, damaged), docx.zip-bomb (a limit exceeded).
std::map<std::string, std::string> read_zip(std::string_view bytes, const std::vector<std::string>& names,
                                            const ZipLimits& limits = {});

/// Writes a zip with the entries in the given order and a fixed timestamp (deterministic).
std::string write_zip(const std::vector<std::pair<std::string, std::string>>& entries);

class DocxImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput& input) const override;
  model::Document do_import(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

class DocxExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

} // namespace resconv::docx
