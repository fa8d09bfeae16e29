#pragma once
// Every threshold of the PDF layout analysis (pdf_layout.cpp), named, in one place, with
// why it has its value. Sizes are relative to the font size of the line or word at hand,
// heights to the page's, so that one rule holds for every document; the few absolute
// values are in points and say so. formats/pdf/spec.md states the same numbers.

#include <cstddef>

namespace resconv::pdf::threshold {

// ---------- words into lines ----------

/// A word joins a line when their vertical overlap is at least this share of the shorter
/// of the two: superscripts (raised by about a third) still overlap the line they sit in.
constexpr double kLineOverlap = 0.5;
/// Two glyphs collide (stand on different lines) when one covers more than this share of
/// the other's width...
constexpr double kCollideCover = 0.5;
/// ...and their middles are more than this share of the shorter height apart: Arabic
/// ascenders and descenders reach into the next line, its glyphs do not share its middle.
constexpr double kCollideApart = 0.2;
/// Only words at least this share of the line's height widen it: a raised call must not
/// pull the line's box up.
constexpr double kFullSizeWord = 0.8;
/// Words at least this share of the line's size give its box and baseline (a call is 0.6
/// to 0.7 of the size, body words 1.0).
constexpr double kBaselineWord = 0.85;

/// A gap wider than this many font sizes splits a line into segments: the masthead's
/// columns ("United Nations" ... "A/RES/73/7"); justified text never stretches a space so far.
constexpr double kSegmentGap = 4;

// ---------- footnote calls ----------

/// A call is smaller than this share of its line's size...
constexpr double kCallSize = 0.8;
/// ...and its bottom is raised above the line's baseline by more than this share of the
/// size (UN calls are raised by about a third; rounding of positions is under a tenth).
constexpr double kCallRaise = 0.12;

// ---------- spaces inside a line ----------

/// Justification splits words: a gap is no space when it is narrower than this share of
/// the line's median word gap...
constexpr double kJoinMedianShare = 0.4;
/// ...and than this share of the font size (a real space is a quarter to a third of it)...
constexpr double kJoinMaxSize = 0.15;
/// ...but a gap of at least this share of the size always is one ("A" "/RES/73/7" set in
/// two sizes touch; a tenth is more than any kerning).
constexpr double kJoinMinSize = 0.1;

// ---------- furniture ----------

/// The head margin where running headers stand: the top 8.5% of the page (UN documents
/// set the symbol line at about 5-7% of an A4 or Letter page).
constexpr double kHeadBand = 0.085;
/// The foot margin where page and job numbers stand: below 88% of the page height.
constexpr double kFootBand = 0.88;
/// A line smaller than the body by more than this many points is "smaller" (running
/// heads, footnotes): half a point is more than the rounding of font sizes.
constexpr double kSmallerThanBody = 0.5;

// Furniture learned from the document (lines repeated at one place on several pages).
/// Lines within this many points of one height stand at one place: the jitter of one
/// template's lines between pages.
constexpr double kLearnedSamePlace = 2.0;
/// The margin bands searched: the top 12% (the head margin and a little more, for
/// templates that set the page line below the symbol) and below 90% of the height.
constexpr double kLearnedTopBand = 0.12;
constexpr double kLearnedBottomBand = 0.90;
/// On at least this many pages (two pages can agree by chance)...
constexpr int kLearnedMinPages = 3;
/// ...and on at least this share of the pages.
constexpr double kLearnedPageShare = 0.25;
/// Heads and page lines are short: longer lines are never learned furniture.
constexpr std::size_t kLearnedMaxWords = 10;
/// A varying number must run with the page (number minus page the same) on this share of
/// the lines: page numbers do, numbered paragraphs at one height do not.
constexpr double kLearnedPageRun = 0.8;

// ---------- footnotes without a rule ----------

/// Where no rule is drawn as text, footnotes start in the lower half of the page at the
/// first smaller line that opens with a call.
constexpr double kFootnoteZone = 0.5;
/// Lines within this many points of the body size are body-size (margins are measured on
/// them): more than size rounding, less than the 1-2 points between body and notes.
constexpr double kBodySize = 0.6;

// ---------- blocks ----------

/// A line begins below the previous one when its top is past this share of the
/// previous line's height (else it stands beside it).
constexpr double kBelow = 0.5;
/// A vertical gap larger than this share of the font size is paragraph spacing: UN
/// documents leave about a line (1.0) between paragraphs and 0.1-0.2 between lines.
constexpr double kParagraphGap = 0.35;
/// Blocks' sizes may differ by this many points and still be one block.
constexpr double kSameSize = 1.0;
/// A line is centred when its middle is within this share of the page width of the
/// page's middle...
constexpr double kCentred = 0.05;
/// ...and it is indented by more than this many points (a full-width line is not).
constexpr double kCentredIndent = 20;
/// A line set in from the margin by more than this (points) is indented: more than the
/// noise of glyph positions, less than the smallest paragraph indent UN documents use.
constexpr double kIndent = 3;
/// Two boxes this close (points) start at the same place: the rounding of one position.
constexpr double kSamePlace = 0.05;
/// The deepest first-line indent of a paragraph or item (points): an inch, past UN
/// documents' half-inch paragraph indents and their item indents.
constexpr double kMaxParagraphIndent = 72;

} // namespace resconv::pdf::threshold
