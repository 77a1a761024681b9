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

}  // namespace
}  // namespace gostep::base
