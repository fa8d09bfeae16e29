#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/version.hpp>

#include <nlohmann/json.hpp>

#include <limits>

namespace resconv::model {

using nlohmann::ordered_json;

namespace {

// ---------- writing ----------

ordered_json opt(const std::optional<std::string>& s) {
  return s ? ordered_json(*s) : ordered_json();
}

ordered_json write_inlines(const Inlines& inlines) {
  ordered_json list = ordered_json::array();
  for (const Inline& in : inlines) {
    ordered_json o;
    std::visit(
        [&o](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Text>) {
            o["type"] = "text";
            o["text"] = v.text;
          } else if constexpr (std::is_same_v<T, Emphasis>) {
            o["type"] = "emphasis";
            o["content"] = write_inlines(v.content);
          } else if constexpr (std::is_same_v<T, Strong>) {
            o["type"] = "strong";
            o["content"] = write_inlines(v.content);
          } else if constexpr (std::is_same_v<T, FootnoteRef>) {
            o["type"] = "footnote_ref";
            o["marker"] = v.marker;
          } else {
            o["type"] = "ref";
            o["target"] = v.target;
            o["content"] = write_inlines(v.content);
          }
        },
        in.value);
    list.push_back(std::move(o));
  }
  return list;
}

ordered_json write_provenance(const Provenance& p) {
  return {{"page", p.page}, {"box", {p.box[0], p.box[1], p.box[2], p.box[3]}}};
}

ordered_json write_paragraphs(const std::vector<Paragraph>& list) {
  ordered_json out = ordered_json::array();
  for (const Paragraph& p : list) {
    ordered_json o;
    if (p.kind == Paragraph::Kind::heading)
      o["kind"] = "heading";
    o["num"] = opt(p.num);
    o["content"] = write_inlines(p.content);
    o["items"] = write_paragraphs(p.items);
    if (!p.quoted.empty())
      o["quoted"] = write_paragraphs(p.quoted);
    if (p.provenance)
      o["provenance"] = write_provenance(*p.provenance);
    out.push_back(std::move(o));
  }
  return out;
}

ordered_json write_parts(const std::vector<Part>& list) {
  ordered_json out = ordered_json::array();
  for (const Part& part : list) {
    ordered_json o;
    o["num"] = opt(part.num);
    o["heading"] = write_inlines(part.heading);
    o["preamble"] = write_paragraphs(part.preamble);
    o["operative"] = write_paragraphs(part.operative);
    o["parts"] = write_parts(part.parts);
    if (part.provenance)
      o["provenance"] = write_provenance(*part.provenance);
    out.push_back(std::move(o));
  }
  return out;
}

// ---------- reading ----------

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw JsonError(path + ": " + why);
}

const ordered_json& member(const ordered_json& o, const char* key, const std::string& path) {
  auto it = o.find(key);
  if (it == o.end())
    fail(path, std::string("missing key \"") + key + "\"");
  return *it;
}

std::string read_string(const ordered_json& v, const std::string& path) {
  if (!v.is_string())
    fail(path, "expected a string");
  return v.get<std::string>();
}

std::optional<std::string> read_opt(const ordered_json& o, const char* key, const std::string& path) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null())
    return std::nullopt;
  return read_string(*it, path + "." + key);
}

// Nesting deeper than this is refused: no resolution needs it, and recursion on hostile
// input must not exhaust the stack.
constexpr int max_depth = 32;

Inlines read_inlines(const ordered_json& list, const std::string& path, int depth = 0) {
  if (depth > max_depth)
    fail(path, "nested too deeply");
  if (!list.is_array())
    fail(path, "expected an array of inlines");
  Inlines out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& o = list[i];
    std::string here = path + "[" + std::to_string(i) + "]";
    if (!o.is_object())
      fail(here, "expected an object");
    std::string type = read_string(member(o, "type", here), here + ".type");
    auto children = [&] { return read_inlines(member(o, "content", here), here + ".content", depth + 1); };
    // Each value is built in place (emplace_back) rather than moved through a temporary
    // Inline; GCC 12 warns falsely about the moved-from variant otherwise.
    if (type == "text")
      out.emplace_back(Text{read_string(member(o, "text", here), here + ".text")});
    else if (type == "emphasis")
      out.emplace_back().value.emplace<Emphasis>().content = children();
    else if (type == "strong")
      out.emplace_back().value.emplace<Strong>().content = children();
    else if (type == "footnote_ref")
      out.emplace_back(FootnoteRef{read_string(member(o, "marker", here), here + ".marker")});
    else if (type == "ref") {
      auto& ref = out.emplace_back().value.emplace<Reference>();
      ref.target = read_string(member(o, "target", here), here + ".target");
      ref.content = children();
    } else
      fail(here + ".type", "unknown inline type \"" + type + "\"");
  }
  return out;
}

std::optional<Provenance> read_provenance(const ordered_json& o, const std::string& here) {
  auto pv = o.find("provenance");
  if (pv == o.end() || pv->is_null())
    return std::nullopt;
  if (!pv->is_object())
    fail(here + ".provenance", "expected {\"page\": int, \"box\": [4 numbers]}");
  Provenance prov;
  const auto& page = member(*pv, "page", here + ".provenance");
  const auto& box = member(*pv, "box", here + ".provenance");
  if (!page.is_number_integer() || !box.is_array() || box.size() != 4)
    fail(here + ".provenance", "expected {\"page\": int, \"box\": [4 numbers]}");
  if (page.get<std::int64_t>() < 0 || page.get<std::int64_t>() > std::numeric_limits<int>::max())
    fail(here + ".provenance.page", "expected a page number");
  prov.page = page.get<int>();
  for (std::size_t k = 0; k < 4; ++k) {
    if (!box[k].is_number())
      fail(here + ".provenance.box", "expected numbers");
    prov.box[k] = box[k].get<double>();
  }
  return prov;
}

std::vector<Paragraph> read_paragraphs(const ordered_json& o, const char* key, const std::string& path,
                                       int depth = 0) {
  std::vector<Paragraph> out;
  if (depth > max_depth)
    fail(path, "items nested too deeply");
  auto it = o.find(key);
  if (it == o.end() || it->is_null())
    return out;
  std::string base = path.empty() ? key : path + "." + key;
  if (!it->is_array())
    fail(base, "expected an array of paragraphs");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& po = (*it)[i];
    std::string here = base + "[" + std::to_string(i) + "]";
    if (!po.is_object())
      fail(here, "expected an object");
    Paragraph p;
    if (auto kind = read_opt(po, "kind", here)) {
      if (*kind == "heading")
        p.kind = Paragraph::Kind::heading;
      else if (*kind != "paragraph")
        fail(here + ".kind", "unknown paragraph kind \"" + *kind + "\"");
    }
    p.num = read_opt(po, "num", here);
    p.content = read_inlines(member(po, "content", here), here + ".content");
    p.items = read_paragraphs(po, "items", here, depth + 1);
    p.quoted = read_paragraphs(po, "quoted", here, depth + 1);
    p.provenance = read_provenance(po, here);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Part> read_parts(const ordered_json& o, const std::string& path, int depth = 0) {
  std::vector<Part> out;
  if (depth > max_depth)
    fail(path, "parts nested too deeply");
  auto it = o.find("parts");
  if (it == o.end() || it->is_null())
    return out;
  std::string base = path.empty() ? "parts" : path + ".parts";
  if (!it->is_array())
    fail(base, "expected an array of parts");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& po = (*it)[i];
    std::string here = base + "[" + std::to_string(i) + "]";
    if (!po.is_object())
      fail(here, "expected an object");
    Part part;
    part.num = read_opt(po, "num", here);
    if (auto h = po.find("heading"); h != po.end() && !h->is_null())
      part.heading = read_inlines(*h, here + ".heading");
    part.preamble = read_paragraphs(po, "preamble", here);
    part.operative = read_paragraphs(po, "operative", here);
    part.parts = read_parts(po, here, depth + 1);
    part.provenance = read_provenance(po, here);
    out.push_back(std::move(part));
  }
  return out;
}

ordered_json write_strings(const std::vector<std::string>& list) {
  ordered_json out = ordered_json::array();
  for (const auto& s : list)
    out.push_back(s);
  return out;
}

ordered_json write_document(const Document& d) {
  ordered_json j;
  j["resconv"] = json_contract_version;
  const Metadata& m = d.metadata;
  ordered_json meta = ordered_json::object();
  for (std::size_t i = 0; i < std::size(metadata_text_fields); ++i) {
    if (i == metadata_fields_before_agenda) {
      ordered_json items = ordered_json::array();
      for (const AgendaItem& item : m.agenda_items)
        items.push_back({{"number", item.number}, {"title", opt(item.title)}});
      meta["agenda_items"] = std::move(items);
    }
    meta[metadata_text_fields[i].name] = opt(m.*metadata_text_fields[i].member);
  }
  meta["sponsors"] = write_strings(m.sponsors);
  meta["masthead"] = write_strings(m.masthead);
  j["metadata"] = meta;
  j["formula"] = opt(d.formula);
  j["preamble"] = write_paragraphs(d.preamble);
  j["operative"] = write_paragraphs(d.operative);
  j["parts"] = write_parts(d.parts);
  ordered_json notes = ordered_json::array();
  for (const auto& f : d.footnotes)
    notes.push_back({{"marker", f.marker}, {"content", write_inlines(f.content)}});
  j["footnotes"] = notes;
  ordered_json annexes = ordered_json::array();
  for (const auto& a : d.annexes)
    annexes.push_back({{"heading", opt(a.heading)},
                       {"title", opt(a.title)},
                       {"formula", opt(a.formula)},
                       {"adopted_in", opt(a.adopted_in)},
                       {"preamble", write_paragraphs(a.preamble)},
                       {"operative", write_paragraphs(a.operative)},
                       {"parts", write_parts(a.parts)}});
  j["annexes"] = annexes;
  ordered_json components = ordered_json::array();
  for (const Document& c : d.components) {
    ordered_json cj = write_document(c);
    cj.erase("resconv"); // the version is the publication's
    components.push_back(std::move(cj));
  }
  j["components"] = std::move(components);
  return j;
}

std::vector<std::string> read_strings(const ordered_json& o, const char* key, const std::string& path) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end() || it->is_null())
    return out;
  std::string base = path + "." + key;
  if (!it->is_array())
    fail(base, "expected an array of strings");
  for (std::size_t i = 0; i < it->size(); ++i)
    out.push_back(read_string((*it)[i], base + "[" + std::to_string(i) + "]"));
  return out;
}

// `path` is "" for the top-level document, else "components[3]" (with a trailing dot
// added where a key follows). Version 1 differs only in agenda items (plain strings) and
// in what it lacks.
Document read_document(const ordered_json& j, const std::string& path, int version, int depth) {
  if (depth > max_depth)
    fail(path, "components nested too deeply");
  auto at = [&path](const std::string& key) { return path.empty() ? key : path + "." + key; };
  Document d;
  if (auto it = j.find("metadata"); it != j.end() && !it->is_null()) {
    const auto& mo = *it;
    std::string here = at("metadata");
    if (!mo.is_object())
      fail(here, "expected an object");
    Metadata& m = d.metadata;
    for (const auto& field : metadata_text_fields)
      m.*field.member = read_opt(mo, field.name, here);
    if (auto ai = mo.find("agenda_items"); ai != mo.end() && !ai->is_null()) {
      if (!ai->is_array())
        fail(here + ".agenda_items", "expected an array");
      for (std::size_t i = 0; i < ai->size(); ++i) {
        std::string item_path = here + ".agenda_items[" + std::to_string(i) + "]";
        const auto& v = (*ai)[i];
        if (version == 1 || v.is_string()) {
          m.agenda_items.emplace_back(read_string(v, item_path));
          continue;
        }
        if (!v.is_object())
          fail(item_path, "expected {\"number\": string, \"title\": string or null}");
        m.agenda_items.emplace_back(read_string(member(v, "number", item_path), item_path + ".number"),
                                    read_opt(v, "title", item_path));
      }
    }
    m.sponsors = read_strings(mo, "sponsors", here);
    m.masthead = read_strings(mo, "masthead", here);
  }
  d.formula = read_opt(j, "formula", path.empty() ? "$" : path);
  d.preamble = read_paragraphs(j, "preamble", path);
  d.operative = read_paragraphs(j, "operative", path);
  d.parts = read_parts(j, path);
  if (auto it = j.find("footnotes"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      fail(at("footnotes"), "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      std::string here = at("footnotes[" + std::to_string(i) + "]");
      const auto& fo = (*it)[i];
      if (!fo.is_object())
        fail(here, "expected an object");
      d.footnotes.push_back({read_string(member(fo, "marker", here), here + ".marker"),
                             read_inlines(member(fo, "content", here), here + ".content")});
    }
  }
  if (auto it = j.find("annexes"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      fail(at("annexes"), "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      std::string here = at("annexes[" + std::to_string(i) + "]");
      const auto& ao = (*it)[i];
      if (!ao.is_object())
        fail(here, "expected an object");
      Annex a;
      a.heading = read_opt(ao, "heading", here);
      a.title = read_opt(ao, "title", here);
      a.formula = read_opt(ao, "formula", here);
      a.adopted_in = read_opt(ao, "adopted_in", here);
      a.preamble = read_paragraphs(ao, "preamble", here);
      a.operative = read_paragraphs(ao, "operative", here);
      a.parts = read_parts(ao, here);
      d.annexes.push_back(std::move(a));
    }
  }
  if (auto it = j.find("components"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      fail(at("components"), "expected an array of documents");
    for (std::size_t i = 0; i < it->size(); ++i) {
      std::string here = at("components[" + std::to_string(i) + "]");
      if (!(*it)[i].is_object())
        fail(here, "expected an object");
      d.components.push_back(read_document((*it)[i], here, version, depth + 1));
    }
  }
  return d;
}

} // namespace

std::string to_json(const Document& d, int indent) {
  std::string out = write_document(d).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
  return out;
}

Document from_json(std::string_view text, int max_depth) {
  ordered_json j;
  try {
    // The callback sees each value's depth as it is read (depth 0 is the top object).
    j = ordered_json::parse(text, [max_depth](int depth, nlohmann::json::parse_event_t event, ordered_json&) {
      if ((event == nlohmann::json::parse_event_t::object_start ||
           event == nlohmann::json::parse_event_t::array_start) &&
          depth >= max_depth)
        throw JsonTooDeep("arrays and objects nest deeper than " + std::to_string(max_depth) + " levels");
      return true;
    });
  } catch (const nlohmann::json::exception& e) {
    // parse_error, or out_of_range for a number beyond a double; without the library's
    // "[json.exception.parse_error.101] " prefix.
    std::string what = e.what();
    if (auto end = what.find("] "); what.rfind("[json.exception.", 0) == 0 && end != std::string::npos)
      what.erase(0, end + 2);
    throw JsonError("not valid JSON: " + what);
  }
  if (!j.is_object())
    fail("$", "expected an object");
  const auto& version = member(j, "resconv", "$");
  if (!version.is_number_integer())
    fail("resconv", "expected an integer contract version");
  std::int64_t v = version.get<std::int64_t>();
  if (v < json_oldest_contract_version || v > json_contract_version)
    fail("resconv", "contract version " + version.dump() + " is not supported (this build reads " +
                        std::to_string(json_oldest_contract_version) + " to " +
                        std::to_string(json_contract_version) + ")");
  return read_document(j, "", static_cast<int>(v), 0);
}

} // namespace resconv::model
