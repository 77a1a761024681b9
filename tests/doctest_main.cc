// tests/doctest_main.cc — the main of every test binary.
//
// doctest's own main, plus one rule: a run whose --test-case filter selects no
// test fails. ctest runs each TEST_CASE as `binary --test-case=<name>`, and a
// name that ctest's list syntax splits (a ';' in it) would otherwise pass
// while running nothing.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>

namespace {

int g_selected = -1;  // test cases that passed the filters; -1: no test run (a query)

struct SelectedCounter : doctest::IReporter {
  explicit SelectedCounter(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& s) override {
    g_selected = static_cast<int>(s.numTestCasesPassingFilters);
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("selected_counter", 1, SelectedCounter);

bool HasTestCaseFilter(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    for (const char* flag : {"--test-case=", "-tc=", "--dt-test-case=", "--dt-tc="}) {
      if (std::strncmp(argv[i], flag, std::strlen(flag)) == 0) return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int rc = context.run();
  if (context.shouldExit() || rc != 0) return rc;
  if (g_selected == 0 && HasTestCaseFilter(argc, argv)) {
    std::fprintf(stderr, "doctest_main: the --test-case filter selected no test\n");
    return 1;
  }
  return rc;
}
