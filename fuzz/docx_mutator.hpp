#pragma once
// The DOCX target's structure-aware mutator (fuzz/README.md, "The DOCX mutator"). Byte
// mutations of a zip mostly break its checksums or its deflate streams, so the importer
// refuses nearly every input before it parses any XML. This mutator opens the package
// (libzip), changes one XML part, and writes the package again, so the mutations reach the
// DOCX reader itself. A part is changed by one of:
//   - a byte mutation of the part's text (libFuzzer's LLVMFuzzerMutate, passed in);
//   - duplicating, deleting or copying elsewhere one element (with its content);
//   - setting one attribute value to an extreme number ("2147483648", "-1", "1e308"...),
//     most often one of the numbering and level attributes (w:ilvl, w:start, w:numId...)
//     where the reader does arithmetic.
// An input that is no zip (or one that cannot be rewritten within the size limit) gets a
// byte mutation of the whole input, as without this mutator; so does one input in
// `whole_input_share`, so the zip layer is still fuzzed too.
//
// Header-only and free of libFuzzer, so fuzz_regression_tests can test it.

#include <zip.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace resconv::fuzz {

/// Mutates `size` bytes at `data` in place, up to `max_size`; returns the new size.
using ByteMutator = std::function<std::size_t(std::uint8_t* data, std::size_t size, std::size_t max_size)>;

/// One entry of a package: its name and its uncompressed bytes.
struct ZipEntry {
  std::string name;
  std::string bytes;
};

/// A part larger than this is not unpacked by the mutator (the input is byte-mutated
/// instead): libFuzzer's inputs are at most 1 MiB (scripts/fuzz.sh), so a bigger part is a
/// zip bomb the importer must refuse, not something to edit.
constexpr std::size_t mutator_max_part = 8u << 20;

/// One input in this many is byte-mutated as a whole even when it is a zip, so the zip
/// layer (headers, sizes, deflate streams) is still fuzzed.
constexpr unsigned whole_input_share = 5;

/// The entries of a zip held in `bytes`, or nothing when it is no zip libzip can read.
inline std::optional<std::vector<ZipEntry>> unzip_entries(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return std::nullopt;
  }
  std::vector<ZipEntry> entries;
  bool ok = true;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; ok && i < count; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    const char* name = zip_get_name(archive, index, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    zip_stat_init(&st);
    if (name == nullptr || zip_stat_index(archive, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > mutator_max_part) {
      ok = false;
      break;
    }
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    if (file == nullptr) {
      ok = false;
      break;
    }
    ZipEntry entry{name, std::string(static_cast<std::size_t>(st.size), '\0')};
    zip_int64_t n = entry.bytes.empty() ? 0 : zip_fread(file, entry.bytes.data(), entry.bytes.size());
    zip_fclose(file);
    if (n != static_cast<zip_int64_t>(entry.bytes.size())) {
      ok = false;
      break;
    }
    entries.push_back(std::move(entry));
  }
  zip_discard(archive); // also frees the source
  if (!ok || entries.empty())
    return std::nullopt;
  return entries;
}

/// A zip of `entries` (deflated, or stored when `store`), or nothing when libzip fails.
inline std::optional<std::string> zip_entries(const std::vector<ZipEntry>& entries, bool store) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (target == nullptr)
    return std::nullopt;
  zip_source_keep(target);
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(target);
    zip_source_free(target);
    return std::nullopt;
  }
  for (const auto& e : entries) {
    // The data stays alive until zip_close() below (entries outlives the archive).
    zip_source_t* s = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    zip_int64_t index = s ? zip_file_add(archive, e.name.c_str(), s, ZIP_FL_ENC_RAW | ZIP_FL_OVERWRITE) : -1;
    if (index < 0) {
      if (s)
        zip_source_free(s);
      zip_discard(archive);
      zip_source_free(target);
      return std::nullopt;
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                             1);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(target);
    return std::nullopt;
  }
  std::string out;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(target, &st) == 0 && zip_source_open(target) == 0) {
    out.resize(static_cast<std::size_t>(st.size));
    zip_int64_t n = out.empty() ? 0 : zip_source_read(target, out.data(), out.size());
    zip_source_close(target);
    if (n != static_cast<zip_int64_t>(out.size())) {
      zip_source_free(target);
      return std::nullopt;
    }
  } else {
    zip_source_free(target);
    return std::nullopt;
  }
  zip_source_free(target);
  return out;
}

namespace detail {

// mt19937: its seeding spreads small seeds (minstd_rand's first draws for seeds 0, 1, 2... are
// all near zero, so every choice would be the same).
using Rng = std::mt19937;

inline std::size_t pick(Rng& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

/// [begin, end) of one element in `xml`: from its '<' to past its closing tag (or its "/>").
struct Span {
  std::size_t begin, end;
};

/// The start offsets of the element tags in `xml` (not end tags, comments, PIs, CDATA).
inline std::vector<std::size_t> element_starts(std::string_view xml) {
  std::vector<std::size_t> starts;
  for (std::size_t at = xml.find('<'); at != std::string_view::npos; at = xml.find('<', at + 1))
    if (at + 1 < xml.size() && xml[at + 1] != '/' && xml[at + 1] != '?' && xml[at + 1] != '!')
      starts.push_back(at);
  return starts;
}

/// The element that starts at `begin`, found by counting start and end tags (good enough on
/// the well-formed parts of a seed; on a damaged part it may give a span that is not an
/// element, which is a mutation too). Nothing when no end is found.
inline std::optional<Span> element_at(std::string_view xml, std::size_t begin) {
  int depth = 0;
  std::size_t at = begin;
  while (at < xml.size()) {
    std::size_t close = xml.find('>', at);
    if (close == std::string_view::npos)
      return std::nullopt;
    std::string_view tag = xml.substr(at, close + 1 - at);
    if (tag.size() >= 2 && tag[1] == '/')
      --depth;
    else if (tag.size() >= 2 && tag[1] != '?' && tag[1] != '!' && tag[tag.size() - 2] != '/')
      ++depth;
    if (depth <= 0)
      return Span{begin, close + 1};
    at = xml.find('<', close + 1);
    if (at == std::string_view::npos)
      return std::nullopt;
  }
  return std::nullopt;
}

/// Values where a reader's arithmetic, allocation or loops break: int and int64 edges,
/// negatives, huge, fractional, non-numbers and empty.
inline constexpr std::string_view extreme_values[] = {"0",
                                                      "-1",
                                                      "1",
                                                      "9",
                                                      "10",
                                                      "2147483647",
                                                      "2147483648",
                                                      "-2147483648",
                                                      "-2147483649",
                                                      "4294967295",
                                                      "4294967296",
                                                      "9223372036854775807",
                                                      "9223372036854775808",
                                                      "-9223372036854775808",
                                                      "99999999999999999999999999",
                                                      "2e9",
                                                      "1e308",
                                                      "-0",
                                                      "0x10",
                                                      "1.5",
                                                      "NaN",
                                                      "",
                                                      " 3 ",
                                                      "999999",
                                                      "1000000000"};

/// The attributes the DOCX reader computes with (list levels, counters, ids, sizes).
inline constexpr std::string_view numeric_attributes[] = {
    "w:ilvl",      "w:start", "w:numId", "w:abstractNumId", "w:val", "w:id", "w:left", "w:hanging",
    "w:firstLine", "w:sz",    "w:w",     "w:restart",       "w:fmt", "w:lvl"};

/// Sets the value of one attribute of `xml` (at random, or one of numeric_attributes) to
/// an extreme value. False when the part has no attribute.
inline bool change_attribute(std::string& xml, Rng& rng) {
  std::vector<std::pair<std::size_t, std::size_t>> values; // [begin, end) of each value
  std::vector<std::pair<std::size_t, std::size_t>> numeric;
  for (std::size_t eq = xml.find("=\""); eq != std::string::npos; eq = xml.find("=\"", eq + 2)) {
    std::size_t end = xml.find('"', eq + 2);
    if (end == std::string::npos)
      break;
    values.emplace_back(eq + 2, end);
    std::size_t name_begin = xml.find_last_of(" \t\r\n<", eq);
    if (name_begin != std::string::npos) {
      std::string_view name = std::string_view(xml).substr(name_begin + 1, eq - name_begin - 1);
      for (auto n : numeric_attributes)
        if (name == n)
          numeric.emplace_back(eq + 2, end);
    }
  }
  if (values.empty())
    return false;
  // Three in four changes go to the attributes the reader does arithmetic with.
  const auto& from = !numeric.empty() && pick(rng, 4) != 0 ? numeric : values;
  auto [begin, end] = from[pick(rng, from.size())];
  std::size_t v = pick(rng, std::size(extreme_values));
  if (std::string_view(xml).substr(begin, end - begin) == extreme_values[v])
    v = (v + 1) % std::size(extreme_values); // a change, not the value it had
  xml.replace(begin, end - begin, extreme_values[v]);
  return true;
}

/// Duplicates, deletes or copies elsewhere one element of `xml`. False when it has none.
inline bool change_element(std::string& xml, Rng& rng) {
  auto starts = element_starts(xml);
  if (starts.size() < 2)
    return false;
  // Not the root element (index 0): deleting it leaves no document, duplicating it two roots.
  std::size_t chosen = starts[1 + pick(rng, starts.size() - 1)];
  auto span = element_at(xml, chosen);
  if (!span)
    return false;
  std::string element = xml.substr(span->begin, span->end - span->begin);
  switch (pick(rng, 3)) {
  case 0: { // duplicate: 1 to 3 more copies right after it (repeated paragraphs, levels)
    std::string copies;
    for (std::size_t n = 1 + pick(rng, 3); n > 0; --n)
      copies += element;
    xml.insert(span->end, copies);
    break;
  }
  case 1: // delete
    xml.erase(span->begin, span->end - span->begin);
    break;
  default: { // insert a copy before another element (a run in a table, a paragraph in a run)
    std::size_t where = starts[1 + pick(rng, starts.size() - 1)];
    xml.insert(where, element);
    break;
  }
  }
  return true;
}

/// The index of the part to change: mostly the parts the DOCX reader parses.
inline std::optional<std::size_t> pick_part(const std::vector<ZipEntry>& entries, Rng& rng) {
  static constexpr std::string_view read_parts[] = {"word/document.xml", "word/numbering.xml",
                                                    "word/footnotes.xml", "word/styles.xml",
                                                    "docProps/core.xml"};
  std::vector<std::size_t> read, xml;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string_view name = entries[i].name;
    bool is_xml = name.size() >= 4 && (name.substr(name.size() - 4) == ".xml" ||
                                       (name.size() >= 5 && name.substr(name.size() - 5) == ".rels"));
    if (!is_xml)
      continue;
    xml.push_back(i);
    if (std::find(std::begin(read_parts), std::end(read_parts), name) != std::end(read_parts))
      read.push_back(i);
  }
  if (!read.empty() && (xml.size() == read.size() || pick(rng, 8) != 0)) {
    // word/document.xml, the part with the text, half the time when present.
    if (entries[read.front()].name == "word/document.xml" && pick(rng, 2) == 0)
      return read.front();
    return read[pick(rng, read.size())];
  }
  if (!xml.empty())
    return xml[pick(rng, xml.size())];
  return std::nullopt;
}

} // namespace detail

/// Mutates the DOCX (or any input) in `bytes`: one XML part inside the package when it is
/// a zip, else the bytes themselves (see the top of this file). `max_size` bounds the
/// result; `seed` makes the choice repeatable; `bytes_mutator` is LLVMFuzzerMutate in the
/// target.
inline void mutate_docx(std::string& bytes, std::size_t max_size, unsigned seed,
                        const ByteMutator& bytes_mutator) {
  detail::Rng rng(seed);
  auto mutate_whole = [&] {
    std::size_t size = std::min(bytes.size(), max_size);
    bytes.resize(std::max<std::size_t>(max_size, 1));
    size = bytes_mutator(reinterpret_cast<std::uint8_t*>(bytes.data()), size, max_size);
    bytes.resize(std::min(size, max_size));
  };
  std::optional<std::vector<ZipEntry>> entries;
  if (detail::pick(rng, whole_input_share) != 0)
    entries = unzip_entries(bytes);
  std::optional<std::size_t> part = entries ? detail::pick_part(*entries, rng) : std::nullopt;
  if (!part)
    return mutate_whole();

  std::string& xml = (*entries)[*part].bytes;
  bool changed = false;
  switch (detail::pick(rng, 3)) {
  case 0:
    changed = detail::change_attribute(xml, rng);
    break;
  case 1:
    changed = detail::change_element(xml, rng);
    break;
  default:
    break;
  }
  if (!changed) {
    // A byte mutation of the part, with room to grow by up to a quarter (at least 64 bytes).
    std::size_t size = xml.size();
    std::size_t room = size + std::max<std::size_t>(64, size / 4);
    xml.resize(room);
    size = bytes_mutator(reinterpret_cast<std::uint8_t*>(xml.data()), size, room);
    xml.resize(std::min(size, room));
  }
  auto packed = zip_entries(*entries, detail::pick(rng, 2) == 0);
  if (!packed || packed->size() > max_size)
    return mutate_whole();
  bytes = std::move(*packed);
}

} // namespace resconv::fuzz
