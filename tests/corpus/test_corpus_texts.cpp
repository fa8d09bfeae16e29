// Every text of the corpus: imports without a crash, yields operative paragraphs, keeps its
// words, and survives the text and JSON round trips.
#include "corpus.hpp"
#include "test_support.hpp"

#include <json_format.hpp>
#include <text_format.hpp>

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/recognize/language.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace resconv;
using namespace resconv::model;

namespace {

std::vector<std::filesystem::path> corpus_texts() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::corpus_dir() / "text")) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".txt" || ext == ".md"))
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<Document> import_text(const InputSource& in, DiagnosticSink& sink) {
  text_format::TextImporter importer;
  return static_cast<Importer&>(importer).run(in, Options{}, sink);
}

// Lowercase alphanumeric words of a text, with counts.
std::map<std::string, int> word_counts(std::string_view text) {
  std::map<std::string, int> counts;
  std::string word;
  auto flush = [&] {
    if (!word.empty())
      ++counts[word];
    word.clear();
  };
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80)
      word += static_cast<char>(std::tolower(u));
    else
      flush();
  }
  flush();
  return counts;
}

void add_text(std::string& out, const std::vector<Paragraph>& list) {
  for (const auto& p : list) {
    out += (p.num ? *p.num : "") + " " + plain_text(p.content) + "\n";
    add_text(out, p.items);
  }
}

std::string model_text(const Document& d) {
  std::string out;
  const Metadata& m = d.metadata;
  for (const auto* f :
       {&m.body, &m.symbol, &m.number, &m.session, &m.title, &m.origin, &m.meeting, &m.vote, &d.formula})
    if (*f)
      out += **f + "\n";
  for (const auto& a : m.agenda_items)
    out += a.number + "\n" + a.title.value_or("") + "\n";
  add_text(out, d.preamble);
  add_text(out, d.operative);
  for (const auto& f : d.footnotes)
    out += f.marker + " " + plain_text(f.content) + "\n";
  for (const auto& a : d.annexes) {
    out += (a.heading ? *a.heading : "") + " " + (a.title ? *a.title : "") + " " +
           (a.formula ? *a.formula : "") + "\n";
    add_text(out, a.preamble);
    add_text(out, a.operative);
  }
  return out;
}

} // namespace

// Words that a resolution's structure turns into fields rather than text: the language's
// masthead and closing phrases ("Adopted", "Distr.", "meeting") and month names (dates
// become ISO dates). Short words are left out too; the check is about content words.
bool structural(const std::string& word, const recognize::LanguageData& lang) {
  if (word.size() < 4 || lang.month_number(word) != 0)
    return true;
  for (std::size_t i = 0; i < language::phrase_count; ++i)
    for (const auto& w : word_counts(lang.phrase(static_cast<language::Phrase>(i))))
      if (w.first == word)
        return true;
  for (std::size_t i = 0; i < language::line_count; ++i)
    for (const auto& w : word_counts(lang.line_template(static_cast<language::Line>(i))))
      if (w.first == word)
        return true;
  return false;
}

TEST_CASE("every corpus text imports, with operative paragraphs and its words kept", "[corpus]") {
  auto files = corpus_texts();
  REQUIRE(files.size() >= 475);
  const auto& lang = language::Language::for_code("en");
  std::size_t imported = 0, with_operative = 0, with_formula = 0;
  long content_words = 0, lost_words = 0;
  int most_lost = 0;
  std::string most_lost_file;
  for (const auto& file : files) {
    INFO(file.string());
    DiagnosticCollector sink;
    InputSource in = InputSource::from_file(file);
    auto doc = import_text(in, sink);
    if (!doc) {
      // A refusal must be a clear error, never silence.
      CHECK(sink.has_errors());
      continue;
    }
    ++imported;
    with_operative += doc->operative.empty() ? 0 : 1;
    with_formula += doc->formula ? 1 : 0;
    // Content words of the source (from the formula on: the masthead becomes fields) that
    // the model no longer holds. Line-end hyphens joined by the importer ("para-" /
    // "graph") show up here as the two halves.
    std::string_view body = in.bytes();
    if (doc->formula && body.find(*doc->formula) != std::string_view::npos)
      body.remove_prefix(body.find(*doc->formula));
    auto kept = word_counts(model_text(*doc));
    int lost = 0;
    for (const auto& [w, n] : word_counts(body)) {
      if (structural(w, lang))
        continue;
      content_words += n;
      auto it = kept.find(w);
      lost += std::max(0, n - (it == kept.end() ? 0 : it->second));
    }
    lost_words += lost;
    if (lost > most_lost) {
      most_lost = lost;
      most_lost_file = file.filename().string();
    }
  }
  double share = static_cast<double>(with_operative) / static_cast<double>(files.size());
  WARN("corpus texts: " << files.size() << ", imported: " << imported << ", with operative paragraphs: "
                        << with_operative << " (" << share * 100 << "%), with formula: " << with_formula
                        << "; content words: " << content_words << ", not in the model: " << lost_words
                        << ", most in one text: " << most_lost << " (" << most_lost_file << ")");
  CHECK(imported == files.size());
  CHECK(share >= 0.95);
  CHECK(lost_words * 500 <= content_words);
  CHECK(most_lost <= 5);
}

TEST_CASE("text -> model -> text -> model and JSON round trips hold on every corpus text",
          "[corpus][roundtrip]") {
  std::size_t checked = 0, text_equal = 0, json_equal = 0;
  for (const auto& file : corpus_texts()) {
    INFO(file.string());
    DiagnosticCollector sink;
    auto first = import_text(InputSource::from_file(file), sink);
    if (!first)
      continue;
    ++checked;
    auto again = import_text(InputSource::from_memory("canonical", text_format::write_text(*first)), sink);
    REQUIRE(again);
    // The text exporter prints the canonical masthead, not the lines as printed (which only
    // the json format keeps so far).
    first->metadata.masthead.clear();
    again->metadata.masthead.clear();
    CHECK(dump(*again) == dump(*first));
    text_equal += *again == *first ? 1 : 0;
    json_equal += from_json(to_json(*first)) == *first ? 1 : 0;
  }
  WARN("round trips on " << checked << " texts: text " << text_equal << ", json " << json_equal);
  CHECK(text_equal == checked);
  CHECK(json_equal == checked);
}
