#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace gostep::base::internal {

CheckFailure::CheckFailure(const char* file, int line, const char* cond)
    : out_(std::make_unique<std::ostringstream>()) {
  *out_ << "[gostep internal bug] " << file << ":" << line << ": check failed: " << cond << ": ";
}

CheckFailure::~CheckFailure() {
  std::string msg = out_->str();
  std::fprintf(stderr, "%s\n(this is a bug in gostep, not in the simulated program; please report it)\n",
               msg.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace gostep::base::internal
