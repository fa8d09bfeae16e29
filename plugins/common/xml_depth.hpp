#pragma once
// Shared by the XML-reading plugins (akn, docx); header-only, since plugins share no
// library but the SDK, and the SDK does not depend on libxml2.

#include <libxml/tree.h>

#include <algorithm>

namespace resconv::xml {

/// libxml2's own ceiling on element nesting (without XML_PARSE_HUGE, which we never set).
inline constexpr int max_depth_ceiling = 256;

/// The deepest element nesting under `root` (1 for a root without child elements);
/// iterative, so any depth is safe to measure.
inline int element_depth(const xmlNode* root) {
  if (root == nullptr)
    return 0;
  int depth = 1, deepest = 1;
  const xmlNode* n = root;
  for (;;) {
    const xmlNode* down = n->children;
    while (down != nullptr && down->type != XML_ELEMENT_NODE)
      down = down->next;
    if (down != nullptr) {
      n = down;
      deepest = std::max(deepest, ++depth);
      continue;
    }
    // Next element sibling, climbing as far as needed.
    for (;;) {
      if (n == root)
        return deepest;
      const xmlNode* next = n->next;
      while (next != nullptr && next->type != XML_ELEMENT_NODE)
        next = next->next;
      if (next != nullptr) {
        n = next;
        break;
      }
      n = n->parent;
      --depth;
    }
  }
}

} // namespace resconv::xml
