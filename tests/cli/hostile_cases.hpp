#pragma once
// The hostile-input table: each row is an input made in the test code and the exact outcome
// it must give through `resconv convert` (and through `batch`, see test_hostile.cpp). The rows
// are grouped by the part of resconv they probe, one file per group (hostile_<group>.cpp), so
// the groups can grow apart.
#include "test_support.hpp"

#include <docx_format.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace resconv::test {

struct Case {
  std::string name;                    ///< File name (its extension matters for detection).
  std::string bytes;                   ///< Content.
  std::string code;                    ///< The diagnostic code expected (the first error, or a warning).
  std::vector<std::string> extra = {}; ///< More arguments (e.g. --from).
  /// The exit status expected: 3 (the input is refused: no output, `code` is the first error)
  /// or 0 (converted, `code` is reported as a warning and the output exists).
  int exit_code = 3;
};

inline const std::string akn_ns = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
inline const std::string w_ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

inline std::string docx_with_document(const std::string& document_xml,
                                      std::vector<std::pair<std::string, std::string>> more = {}) {
  std::vector<std::pair<std::string, std::string>> parts = {{"word/document.xml", document_xml}};
  parts.insert(parts.end(), more.begin(), more.end());
  return docx::write_zip(parts);
}

// Pseudo-random bytes, the same on every run.
inline std::string random_bytes(std::size_t n) {
  std::mt19937 generator(20261128);
  std::string out(n, '\0');
  for (char& c : out)
    c = static_cast<char>(generator() & 0xFF);
  return out;
}

inline std::string nested(const std::string& open, const std::string& close, int depth,
                          const std::string& inside) {
  std::string out;
  out.reserve((open.size() + close.size()) * static_cast<std::size_t>(depth) + inside.size());
  for (int i = 0; i < depth; ++i)
    out += open;
  out += inside;
  for (int i = 0; i < depth; ++i)
    out += close;
  return out;
}

/// The rows of each group. `dir` holds good.pdf, good.docx and secret.txt (made by the test).
std::vector<Case> hostile_cases_pdf(const TempDir& dir);
std::vector<Case> hostile_cases_docx(const TempDir& dir);
std::vector<Case> hostile_cases_text(const TempDir& dir);
std::vector<Case> hostile_cases_akn(const TempDir& dir);
std::vector<Case> hostile_cases_json(const TempDir& dir);
std::vector<Case> hostile_cases_detection(const TempDir& dir);

} // namespace resconv::test
