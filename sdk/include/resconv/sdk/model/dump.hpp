#pragma once
/// \file dump.hpp
/// The canonical dump: one stable, line-oriented text for a model value, for tests and
/// `resconv inspect --dump`. Equal models give equal dumps; the form may change between
/// versions and is not meant for parsing.

#include <resconv/sdk/model/document.hpp>

#include <string>

namespace resconv::model {

/// Dumps a whole document, one line per field or paragraph.
std::string dump(const Document& document);
/// Dumps inlines in a compact nested form: Text "a", Emph[Text "b"], Note 1, Ref<A/1>[...].
std::string dump(const Inlines& inlines);

} // namespace resconv::model
