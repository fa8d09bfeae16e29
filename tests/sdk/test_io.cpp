#include "test_support.hpp"

#include <resconv/sdk/io.hpp>

#include <catch2/catch.hpp>

using namespace resconv;

namespace {
std::size_t entries(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}
} // namespace

TEST_CASE("a file sink appears only on commit", "[io]") {
  test::TempDir dir;
  auto target = dir / "out.json";
  {
    OutputSink sink = OutputSink::to_file(target);
    sink.write("{\"a\": ");
    sink.write("1}");
    CHECK_FALSE(std::filesystem::exists(target));
    sink.commit();
    CHECK(sink.committed());
  }
  CHECK(test::read_file(target) == "{\"a\": 1}");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("an uncommitted file sink leaves no file and keeps the old one", "[io]") {
  test::TempDir dir;
  auto target = dir / "out.txt";
  test::write_file(target, "old");
  {
    OutputSink sink = OutputSink::to_file(target);
    sink.write("half of a new");
  }
  CHECK(test::read_file(target) == "old");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a file sink in a missing folder fails naming the file", "[io]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(OutputSink::to_file(dir / "no/such/out.txt"), Catch::Contains("no/such/out.txt"));
}

TEST_CASE("input sources read files and name failures", "[io]") {
  test::TempDir dir;
  test::write_file(dir / "in.txt", "hello");
  InputSource in = InputSource::from_file(dir / "in.txt");
  CHECK(in.bytes() == "hello");
  CHECK(in.head(2) == "he");
  CHECK(in.path().has_value());
  CHECK_THROWS_WITH(InputSource::from_file(dir / "missing.txt"), Catch::Contains("missing.txt: cannot open"));
  CHECK_THROWS_WITH(InputSource::from_file(dir.path()), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(InputSource::from_file(dir / "in.txt", 3), Catch::Contains("larger than"));
  InputSource mem = InputSource::from_memory("m", "abc");
  CHECK(mem.name() == "m");
  CHECK_FALSE(mem.path().has_value());
}

TEST_CASE("a memory sink keeps the bytes", "[io]") {
  OutputSink sink = OutputSink::to_memory();
  sink.write("abc");
  sink.commit();
  CHECK(sink.memory() == "abc");
  CHECK_THROWS_AS(sink.write("more"), IoError);
}
