// The pdf importer scored against the hand-checked truth files, and run over every PDF of
// the corpus (no crash, no hang, clear errors).
#include "corpus.hpp"
#include "test_support.hpp"

#include <pdf_format.hpp>

#include <resconv/sdk/model/builder.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>

using namespace resconv;
using namespace resconv::model;

namespace {

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (c == ' ') {
      if (!w.empty())
        out.push_back(std::move(w));
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty())
    out.push_back(std::move(w));
  return out;
}

// Word-sequence similarity: 2 * LCS / (|a| + |b|).
double similarity(const std::string& a, const std::string& b) {
  auto x = words(a), y = words(b);
  if (x.empty() && y.empty())
    return 1.0;
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j)
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return 2.0 * static_cast<double>(prev[y.size()]) / static_cast<double>(x.size() + y.size());
}

std::string text_of(const Inlines& in) {
  return collapse_space(plain_text(in));
}

std::size_t count_items(const std::vector<Paragraph>& list) {
  std::size_t n = 0;
  for (const auto& p : list)
    n += p.items.size() + count_items(p.items);
  return n;
}

std::size_t count_truth_items(const nlohmann::json& list) {
  std::size_t n = 0;
  for (const auto& p : list)
    if (p.is_object() && p.contains("items"))
      n += p["items"].size() + count_truth_items(p["items"]);
  return n;
}

struct Score {
  int metadata_right = 0, metadata_total = 0;
  int paragraphs = 0, paragraphs_similar = 0;
  double worst = 1.0;
  int footnotes_right = 0, footnotes_total = 0;
  int furniture_leaks = 0;
};

void score_paragraphs(const std::vector<Paragraph>& got, const nlohmann::json& truth, bool operative,
                      Score& s, std::string& body_text) {
  REQUIRE(got.size() == truth.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    std::string expected = operative ? truth[i]["text"].get<std::string>() : truth[i].get<std::string>();
    std::string actual = text_of(got[i].content);
    double sim = similarity(actual, expected);
    INFO((operative ? "operative " : "preamble ") << i + 1 << ": " << actual);
    CHECK(sim >= 0.98);
    ++s.paragraphs;
    s.paragraphs_similar += sim >= 0.98 ? 1 : 0;
    s.worst = std::min(s.worst, sim);
    if (operative)
      CHECK(got[i].num == (truth[i]["num"].is_null()
                               ? std::nullopt
                               : std::optional<std::string>(truth[i]["num"].get<std::string>())));
    body_text += " " + actual;
  }
}

} // namespace

TEST_CASE("PDF import scored against the truth files", "[corpus][pdf]") {
  auto dir = test::corpus_dir();
  for (const char* name : {"A_RES_73_6-EN", "A_RES_73_7-EN", "S_RES_2803_2025-EN"}) {
    DYNAMIC_SECTION(name) {
      auto truth = nlohmann::json::parse(test::read_file(dir / "truth" / (std::string(name) + ".json")));
      pdf::PdfImporter importer;
      DiagnosticCollector sink;
      auto d = static_cast<Importer&>(importer).run(
          InputSource::from_file(dir / "pdf" / (std::string(name) + ".pdf")), Options{}, sink);
      REQUIRE(d);
      Score s;
      const auto& tm = truth["metadata"];
      auto field = [&](const char* key, const std::optional<std::string>& got) {
        ++s.metadata_total;
        bool right = tm[key].is_null() ? !got.has_value() : got == tm[key].get<std::string>();
        s.metadata_right += right ? 1 : 0;
        UNSCOPED_INFO("metadata " << key << ": " << got.value_or("null"));
      };
      const Metadata& m = d->metadata;
      for (const auto& f : metadata_text_fields)
        if (tm.contains(f.name)) // the truth files predate `vote`
          field(f.name, m.*f.member);
      ++s.metadata_total;
      s.metadata_right +=
          model::agenda_numbers(m.agenda_items) == tm["agenda_items"].get<std::vector<std::string>>() ? 1 : 0;
      CHECK(s.metadata_right * 10 >= s.metadata_total * 9);

      std::string body;
      score_paragraphs(d->preamble, truth["preamble"], false, s, body);
      score_paragraphs(d->operative, truth["operative"], true, s, body);
      CHECK(count_items(d->operative) == count_truth_items(truth["operative"]));
      REQUIRE(d->annexes.size() == truth["annexes"].size());
      for (std::size_t a = 0; a < d->annexes.size(); ++a) {
        const auto& ta = truth["annexes"][a];
        CHECK(similarity(d->annexes[a].heading.value_or(""), ta["heading"].get<std::string>()) >= 0.98);
        CHECK(d->annexes[a].preamble.size() == ta["preamble"].size());
        score_paragraphs(d->annexes[a].operative, ta["operative"], true, s, body);
      }

      REQUIRE(d->footnotes.size() == truth["footnotes"].size());
      for (std::size_t f = 0; f < d->footnotes.size(); ++f) {
        const auto& tf = truth["footnotes"][f];
        ++s.footnotes_total;
        bool right = d->footnotes[f].marker == tf["marker"].get<std::string>() &&
                     similarity(text_of(d->footnotes[f].content), tf["text"].get<std::string>()) >= 0.98;
        INFO("footnote " << tf["marker"] << ": " << text_of(d->footnotes[f].content));
        CHECK(right);
        s.footnotes_right += right ? 1 : 0;
        CHECK(body.find(tf["text"].get<std::string>()) == std::string::npos);
      }

      // Furniture leaks: a furniture string in our text that is not in the true text.
      std::string true_body;
      for (const auto& p : truth["preamble"])
        true_body += " " + p.get<std::string>();
      for (const auto& p : truth["operative"])
        true_body += " " + p["text"].get<std::string>();
      for (const auto& a : truth["annexes"])
        for (const auto& p : a["operative"])
          true_body += " " + p["text"].get<std::string>();
      for (const auto& furniture : truth["furniture"]) {
        std::string f = furniture.get<std::string>();
        bool leak = body.find(f) != std::string::npos && true_body.find(f) == std::string::npos;
        INFO("furniture: " << f);
        CHECK_FALSE(leak);
        s.furniture_leaks += leak ? 1 : 0;
      }
      WARN(name << ": metadata " << s.metadata_right << "/" << s.metadata_total
                << "; paragraphs >= 0.98 similar: " << s.paragraphs_similar << "/" << s.paragraphs
                << " (lowest " << s.worst << "); footnotes " << s.footnotes_right << "/" << s.footnotes_total
                << "; furniture leaks " << s.furniture_leaks);
    }
  }
}

TEST_CASE("every PDF of the corpus: a document or a clear error, quickly", "[corpus][pdf]") {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::corpus_dir()))
    if (e.is_regular_file() && e.path().extension() == ".pdf")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 9);
  int documents = 0, refused = 0;
  for (const auto& file : files) {
    INFO(file.string());
    auto start = std::chrono::steady_clock::now();
    pdf::PdfImporter importer;
    DiagnosticCollector sink;
    auto d = static_cast<Importer&>(importer).run(InputSource::from_file(file), Options{}, sink);
    if (d)
      ++documents;
    else {
      ++refused;
      CHECK(sink.has_errors());
    }
    if (file.filename() == "A_47_843-EN.pdf") {
      CHECK_FALSE(d);
      CHECK(sink.has_code("pdf.no-text-layer"));
    }
    if (file.filename() == "A_RES_77_247-ES.pdf") {
      // Its broken ToUnicode map is repaired from the font program: nothing is left broken.
      CHECK(sink.has_code("pdf.glyph-repair"));
      CHECK_FALSE(sink.has_code("pdf.broken-encoding"));
      REQUIRE(d);
      CHECK(d->metadata.language == "es");
      CHECK(d->operative.size() == 19);
    }
    if (file.filename().string().rfind("FCCC", 0) == 0)
      CHECK(sink.has_code("pdf.several-documents"));
    // Not a benchmark: a guard against hangs on a single file.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  }
  WARN("corpus PDFs: " << files.size() << ", imported: " << documents
                       << ", refused with an error: " << refused);
}

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>
#include <text_format.hpp>

namespace {

std::string pdf_of(const Document& d) {
  pdf::PdfExporter exporter;
  OutputSink out = OutputSink::to_memory("out.pdf");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

Document from_pdf(const InputSource& in) {
  pdf::PdfImporter importer;
  DiagnosticCollector sink;
  auto d = static_cast<Importer&>(importer).run(in, Options{}, sink);
  REQUIRE(d);
  return *d;
}

const std::vector<std::string> all_but_provenance = {"emphasis", "strong", "footnotes", "references",
                                                     "annexes",  "items",  "headings"};

} // namespace

TEST_CASE("PDF export: the seed text through PDF gives the text's model", "[corpus][pdf][export]") {
  auto dir = test::corpus_dir();
  text_format::TextImporter importer;
  DiagnosticCollector sink;
  auto text_model = static_cast<Importer&>(importer).run(
      InputSource::from_file(dir / "text" / "A_RES_57_263.txt"), Options{}, sink);
  REQUIRE(text_model);
  Document back = from_pdf(InputSource::from_memory("seed.pdf", pdf_of(*text_model)));
  CHECK(dump(project(back, all_but_provenance)) == dump(project(*text_model, all_but_provenance)));
  // And against the truth: every paragraph and footnote exactly.
  auto truth = nlohmann::json::parse(test::read_file(dir / "truth" / "A_RES_57_263.json"));
  REQUIRE(back.preamble.size() == truth["preamble"].size());
  REQUIRE(back.operative.size() == truth["operative"].size());
  for (std::size_t i = 0; i < back.preamble.size(); ++i)
    CHECK(text_of(back.preamble[i].content) == truth["preamble"][i].get<std::string>());
  for (std::size_t i = 0; i < back.operative.size(); ++i)
    CHECK(text_of(back.operative[i].content) == truth["operative"][i]["text"].get<std::string>());
  REQUIRE(back.footnotes.size() == truth["footnotes"].size());
  for (std::size_t i = 0; i < back.footnotes.size(); ++i)
    CHECK(text_of(back.footnotes[i].content) == truth["footnotes"][i]["text"].get<std::string>());
  CHECK(back.metadata.symbol == truth["metadata"]["symbol"].get<std::string>());
  CHECK(back.metadata.adopted == truth["metadata"]["adopted"].get<std::string>());
}

TEST_CASE("PDF export: real PDFs -> model -> PDF -> model is the identity", "[corpus][pdf][export]") {
  auto dir = test::corpus_dir();
  for (const char* name : {"A_RES_73_7-EN", "A_RES_73_6-EN", "S_RES_2803_2025-EN"}) {
    INFO(name);
    Document first = from_pdf(InputSource::from_file(dir / "pdf" / (std::string(name) + ".pdf")));
    Document second = from_pdf(InputSource::from_memory("again.pdf", pdf_of(first)));
    CHECK(dump(project(second, all_but_provenance)) == dump(project(first, all_but_provenance)));
  }
}
