#include "base/event_log.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace gostep::base {
namespace {

TEST_CASE("event log: one valid JSON object per line, nothing when off") {
  EventLog log;
  CHECK(!log.on());
  log.set_on(true);
  log.Begin(3, 1200, "status").Uint("g", 5).Str("reason", "chan \"receive\"\n").Int("p", -1).Bool("x", true);
  log.Begin(4, 1300, "go").Uint("g", 6);
  auto lines = log.text();
  size_t nl = lines.find('\n');
  auto first = nlohmann::json::parse(lines.substr(0, nl));
  CHECK(first["step"] == 3);
  CHECK(first["t"] == 1200);
  CHECK(first["ev"] == "status");
  CHECK(first["reason"] == "chan \"receive\"\n");
  CHECK(first["p"] == -1);
  CHECK(first["x"] == true);
  auto second = nlohmann::json::parse(lines.substr(nl + 1, lines.size() - nl - 2));
  CHECK(second["ev"] == "go");
  CHECK(lines.back() == '\n');
}

TEST_CASE("event log: text formats what was recorded since the last call, Take empties") {
  EventLog log;
  log.set_on(true);
  log.Begin(1, 10, "a").Int("x", -9223372036854775807 - 1).Uint("y", 18446744073709551615u);
  CHECK(log.text() == "{\"step\":1,\"t\":10,\"ev\":\"a\",\"x\":-9223372036854775808,\"y\":18446744073709551615}\n");
  std::string bytes(3, '\0');
  bytes[1] = '\x1f';
  log.Begin(2, -5, "b").Str("s", bytes).Bool("f", false).Str("e", "");
  const std::string want2 = "{\"step\":2,\"t\":-5,\"ev\":\"b\",\"s\":\"\\u0000\\u001f\\u0000\",\"f\":false,\"e\":\"\"}\n";
  CHECK(log.text().size() == log.text().size());  // formatting twice adds nothing
  std::string all = log.Take();
  CHECK(all.substr(all.find('\n') + 1) == want2);
  CHECK(log.text().empty());
  log.Begin(3, 0, "c");
  CHECK(log.Take() == "{\"step\":3,\"t\":0,\"ev\":\"c\"}\n");
}

TEST_CASE("event log: records across many chunks and one larger than a chunk keep their order and bytes") {
  EventLog log;
  log.set_on(true);
  std::string want;
  std::string big(3 << 20, 'x');  // larger than a chunk
  for (uint64_t i = 0; i < 60000; ++i) {
    if (i == 30000) {
      log.Begin(i, 0, "big").Str("s", big);
      want += "{\"step\":" + std::to_string(i) + ",\"t\":0,\"ev\":\"big\",\"s\":\"" + big + "\"}\n";
    }
    log.Begin(i, 7, "n").Uint("i", i).Str("k", "v");
    want += "{\"step\":" + std::to_string(i) + ",\"t\":7,\"ev\":\"n\",\"i\":" + std::to_string(i) + ",\"k\":\"v\"}\n";
  }
  CHECK(log.Take() == want);
  log.Begin(1, 2, "after");  // the kept chunk is reused
  CHECK(log.Take() == "{\"step\":1,\"t\":2,\"ev\":\"after\"}\n");
}

}  // namespace
}  // namespace gostep::base
