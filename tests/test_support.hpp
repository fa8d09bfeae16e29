#pragma once
#include <resconv/sdk/testing.hpp>
// Helpers shared by the tests: a rich sample document, files, temporary folders.

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/document.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace resconv::test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// How many times `what` occurs in `text`, not overlapping.
inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++n;
  return n;
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// A fresh folder under the system temporary folder, removed on destruction.
class TempDir {
public:
  TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("resconv-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

/// ASCII `text` in UTF-16 (`unit` 2) or UTF-32 (`unit` 4), little- or big-endian, with or
/// without a byte-order mark: the wide inputs of the encoding tests.
inline std::string widen(const std::string& text, std::size_t unit, bool little, bool bom) {
  std::string out;
  auto put = [&](unsigned value) {
    for (std::size_t b = 0; b < unit; ++b)
      out += static_cast<char>((value >> (8 * (little ? b : unit - 1 - b))) & 0xFF);
  };
  if (bom)
    put(0xFEFF);
  for (char c : text)
    put(static_cast<unsigned char>(c));
  return out;
}

/// A small resolution in one language (the language tests of the AKN and DOCX plugins):
/// masthead fields, formula, a preambular paragraph, two operative paragraphs, the first with
/// two items labelled as the language prints them, and a footnote.
inline model::Document language_resolution(const char* code, const char* body, const char* session,
                                           const char* title, const char* origin, const char* meeting,
                                           const char* formula, model::Inlines preamble,
                                           model::Inlines operative_1, model::Inlines item_a,
                                           model::Inlines item_b, model::Inlines operative_2,
                                           model::Inlines footnote) {
  model::Document d;
  model::Metadata& m = d.metadata;
  m.body = body;
  m.symbol = "A/RES/57/263";
  m.number = "57/263";
  m.session = session;
  m.agenda_items = {"21", "34 (c)"};
  m.title = title;
  m.adopted = "2002-12-20";
  m.issued = "2003-01-14";
  m.origin = origin;
  m.meeting = meeting;
  m.language = code;
  d.formula = formula;
  model::Paragraph pre;
  pre.content = std::move(preamble);
  d.preamble.push_back(pre);
  model::Paragraph one;
  one.num = "1";
  one.content = std::move(operative_1);
  // Items numbered as the language prints them: "(a)", "a)", "(أ)".
  const language::Language& language = language::Language::for_code(code);
  model::Paragraph a;
  a.num = language.item_label('a', 1);
  a.content = std::move(item_a);
  model::Paragraph b;
  b.num = language.item_label('a', 2);
  b.content = std::move(item_b);
  one.items = {a, b};
  model::Paragraph two;
  two.num = "2";
  two.content = std::move(operative_2);
  d.operative = {one, two};
  d.footnotes = {{"1", std::move(footnote)}};
  return d;
}

/// The SDK's sample resolution (resconv/sdk/testing.hpp).
using resconv::testing::sample_document;

} // namespace resconv::test
