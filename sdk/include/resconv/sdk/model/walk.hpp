#pragma once
/// \file walk.hpp
/// Visiting every paragraph list, paragraph, part and text of a document (body, parts,
/// annexes, quotations, the components of a collection) without repeating the model's
/// shape in each caller. `Doc` is `Document` (the callbacks may change what they get) or
/// `const Document`.

#include <resconv/sdk/model/document.hpp>

#include <type_traits>
#include <variant>

namespace resconv::model {

/// Calls `f(list)` for every list of paragraphs of this deliberation's own body: its
/// preamble and operative paragraphs, those of each part (nested) and of each annex and
/// its parts, in printed order. Not the components of a collection.
template <class Doc, class F>
void for_each_own_paragraph_list(Doc& document, F&& f) {
  auto parts = [&f](auto& self, auto& list) -> void {
    for (auto& part : list) {
      f(part.preamble);
      f(part.operative);
      self(self, part.parts);
    }
  };
  f(document.preamble);
  f(document.operative);
  parts(parts, document.parts);
  for (auto& annex : document.annexes) {
    f(annex.preamble);
    f(annex.operative);
    parts(parts, annex.parts);
  }
}

/// As for_each_own_paragraph_list, then the same for each component of a collection.
/// Items and quotations are inside the paragraphs of these lists (see for_each_paragraph).
template <class Doc, class F>
void for_each_paragraph_list(Doc& document, F&& f) {
  for_each_own_paragraph_list(document, f);
  for (auto& component : document.components)
    for_each_paragraph_list(component, f);
}

/// Calls `f(paragraph)` for every paragraph of the document, then the paragraphs it quotes
/// and its items, depth first in printed order, in the components too.
template <class Doc, class F>
void for_each_paragraph(Doc& document, F&& f) {
  auto walk = [&f](auto& self, auto& list) -> void {
    for (auto& p : list) {
      f(p);
      self(self, p.quoted);
      self(self, p.items);
    }
  };
  for_each_paragraph_list(document, [&walk](auto& list) { walk(walk, list); });
}

/// Calls `f(part)` for every part of the document and its annexes (nested parts after
/// their parent), in the components too.
template <class Doc, class F>
void for_each_part(Doc& document, F&& f) {
  auto walk = [&f](auto& self, auto& list) -> void {
    for (auto& part : list) {
      f(part);
      self(self, part.parts);
    }
  };
  walk(walk, document.parts);
  for (auto& annex : document.annexes)
    walk(walk, annex.parts);
  for (auto& component : document.components)
    for_each_part(component, f);
}

/// Calls `f(text)` on every string of the document a user sees or a format stores:
/// metadata, formula, numbers, each Text, footnote marker and reference target, headings,
/// titles; in the components too.
template <class Doc, class F>
void for_each_text(Doc& d, F&& f) {
  auto inlines = [&f](auto& self, auto& list) -> void {
    for (auto& in : list)
      std::visit(
          [&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Text>) {
              f(v.text);
            } else if constexpr (std::is_same_v<T, FootnoteRef>) {
              f(v.marker);
            } else if constexpr (std::is_same_v<T, Reference>) {
              f(v.target);
              self(self, v.content);
            } else {
              self(self, v.content);
            }
          },
          in.value);
  };
  auto optional = [&f](auto& o) {
    if (o)
      f(*o);
  };
  auto& m = d.metadata;
  for (const MetadataTextField& field : metadata_text_fields)
    optional(m.*(field.member));
  for (auto& item : m.agenda_items) {
    f(item.number);
    optional(item.title);
  }
  for (auto& s : m.sponsors)
    f(s);
  for (auto& s : m.masthead)
    f(s);
  optional(d.formula);
  auto parts = [&](auto& self, auto& list) -> void {
    for (auto& part : list) {
      optional(part.num);
      inlines(inlines, part.heading);
      self(self, part.parts);
    }
  };
  parts(parts, d.parts);
  for (auto& note : d.footnotes) {
    f(note.marker);
    inlines(inlines, note.content);
  }
  for (auto& annex : d.annexes) {
    optional(annex.heading);
    optional(annex.title);
    optional(annex.formula);
    optional(annex.adopted_in);
    parts(parts, annex.parts);
  }
  auto paragraphs = [&](auto& self, auto& list) -> void {
    for (auto& p : list) {
      optional(p.num);
      inlines(inlines, p.content);
      self(self, p.quoted);
      self(self, p.items);
    }
  };
  for_each_own_paragraph_list(d, [&](auto& list) { paragraphs(paragraphs, list); });
  for (auto& component : d.components)
    for_each_text(component, f);
}

} // namespace resconv::model
