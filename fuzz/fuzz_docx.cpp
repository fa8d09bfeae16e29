// libFuzzer target: the docx importer (fuzz/README.md), with a mutator that changes the XML
// inside the package (docx_mutator.hpp) instead of only the zip's bytes.
#include "akn_export_check.hpp"
#include "docx_mutator.hpp"
#include "fuzz_importer.hpp"

#include <docx_format.hpp>

#include <cstring>

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  resconv::fuzz::mutate_docx(bytes, max_size, seed, LLVMFuzzerMutate);
  std::memcpy(data, bytes.data(), bytes.size());
  return bytes.size();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static resconv::docx::DocxImporter importer;
  static const resconv::Options options = resconv::fuzz::default_import_options("docx");
  resconv::fuzz::run_importer(importer, options, data, size, resconv::fuzz::akn_export_check);
  return 0;
}
