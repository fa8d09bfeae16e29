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

ordered_json write_paragraphs(const std::vector<Paragraph>& list) {
  ordered_json out = ordered_json::array();
  for (const Paragraph& p : list) {
    ordered_json o;
    if (p.kind == Paragraph::Kind::heading)
      o["kind"] = "heading";
    o["num"] = opt(p.num);
    o["content"] = write_inlines(p.content);
    o["items"] = write_paragraphs(p.items);
    if (p.provenance)
      o["provenance"] = {
          {"page", p.provenance->page},
          {"box", {p.provenance->box[0], p.provenance->box[1], p.provenance->box[2], p.provenance->box[3]}}};
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
    if (auto pv = po.find("provenance"); pv != po.end() && !pv->is_null()) {
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
      p.provenance = prov;
    }
    out.push_back(std::move(p));
  }
  return out;
}

} // namespace

std::string to_json(const Document& d, int indent) {
  ordered_json j;
  j["resconv"] = json_contract_version;
  const Metadata& m = d.metadata;
  ordered_json meta = ordered_json::object();
  for (std::size_t i = 0; i < std::size(metadata_text_fields); ++i) {
    if (i == metadata_fields_before_agenda)
      meta["agenda_items"] = m.agenda_items;
    meta[metadata_text_fields[i].name] = opt(m.*metadata_text_fields[i].member);
  }
  j["metadata"] = meta;
  j["formula"] = opt(d.formula);
  j["preamble"] = write_paragraphs(d.preamble);
  j["operative"] = write_paragraphs(d.operative);
  ordered_json notes = ordered_json::array();
  for (const auto& f : d.footnotes)
    notes.push_back({{"marker", f.marker}, {"content", write_inlines(f.content)}});
  j["footnotes"] = notes;
  ordered_json annexes = ordered_json::array();
  for (const auto& a : d.annexes)
    annexes.push_back({{"heading", opt(a.heading)},
                       {"title", opt(a.title)},
                       {"formula", opt(a.formula)},
                       {"preamble", write_paragraphs(a.preamble)},
                       {"operative", write_paragraphs(a.operative)}});
  j["annexes"] = annexes;
  std::string out = j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
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
  if (version.get<std::int64_t>() != json_contract_version)
    fail("resconv", "contract version " + version.dump() + " is not supported (this build reads " +
                        std::to_string(json_contract_version) + ")");
  Document d;
  if (auto it = j.find("metadata"); it != j.end() && !it->is_null()) {
    const auto& mo = *it;
    if (!mo.is_object())
      fail("metadata", "expected an object");
    Metadata& m = d.metadata;
    for (const auto& field : metadata_text_fields)
      m.*field.member = read_opt(mo, field.name, "metadata");
    if (auto ai = mo.find("agenda_items"); ai != mo.end() && !ai->is_null()) {
      if (!ai->is_array())
        fail("metadata.agenda_items", "expected an array of strings");
      for (std::size_t i = 0; i < ai->size(); ++i)
        m.agenda_items.push_back(read_string((*ai)[i], "metadata.agenda_items[" + std::to_string(i) + "]"));
    }
  }
  d.formula = read_opt(j, "formula", "$");
  d.preamble = read_paragraphs(j, "preamble", "");
  d.operative = read_paragraphs(j, "operative", "");
  if (auto it = j.find("footnotes"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      fail("footnotes", "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      std::string here = "footnotes[" + std::to_string(i) + "]";
      const auto& fo = (*it)[i];
      if (!fo.is_object())
        fail(here, "expected an object");
      d.footnotes.push_back({read_string(member(fo, "marker", here), here + ".marker"),
                             read_inlines(member(fo, "content", here), here + ".content")});
    }
  }
  if (auto it = j.find("annexes"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      fail("annexes", "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      std::string here = "annexes[" + std::to_string(i) + "]";
      const auto& ao = (*it)[i];
      if (!ao.is_object())
        fail(here, "expected an object");
      Annex a;
      a.heading = read_opt(ao, "heading", here);
      a.title = read_opt(ao, "title", here);
      a.formula = read_opt(ao, "formula", here);
      a.preamble = read_paragraphs(ao, "preamble", here);
      a.operative = read_paragraphs(ao, "operative", here);
      d.annexes.push_back(std::move(a));
    }
  }
  return d;
}

} // namespace resconv::model
