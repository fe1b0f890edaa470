#include "crv/core/ids.hpp"

#include <cstdint>
#include <random>

namespace crv::core {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_run_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '-';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string random_lower_hex(std::size_t digits) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(digits, '0');
  std::uniform_int_distribution<int> nibble(0, 15);
  for (char& c : out) c = kHex[nibble(generator)];
  return out;
}

}  // namespace

bool is_lower_snake(std::string_view text) {
  if (text.empty() || text.front() == '_' || text.back() == '_') return false;
  char previous = '\0';
  for (char c : text) {
    if (c == '_') {
      if (previous == '_') return false;
    } else if (!is_lower_alnum(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

std::string make_run_id(std::string_view prefix) {
  if (!is_lower_snake(prefix)) {
    throw CoreError("invalid run id prefix '" + std::string(prefix) +
                    "': must be lower_snake (^[a-z0-9]+(?:_[a-z0-9]+)*$)");
  }
  return validate_run_id(std::string(prefix) + "_" + random_lower_hex(6));
}

bool is_valid_run_id(std::string_view run_id) {
  if (run_id.empty() || run_id.size() > kMaxRunIdBytes || run_id == "." || run_id == "..") return false;
  for (char c : run_id) {
    if (!is_run_id_char(c)) return false;
  }
  return true;
}

std::string validate_run_id(std::string_view run_id) {
  if (run_id.empty()) throw CoreError("invalid run id '': must not be empty");
  if (run_id == "." || run_id == "..") {
    throw CoreError("invalid run id '" + std::string(run_id) + "': '.' and '..' are not allowed");
  }
  // The id is a directory name: refused here, not by a failing mkdir after other checks.
  if (run_id.size() > kMaxRunIdBytes) {
    throw CoreError("invalid run id '" + std::string(run_id.substr(0, 32)) + "...': " + std::to_string(run_id.size()) +
                    " bytes, more than a file name may have (" + std::to_string(kMaxRunIdBytes) +
                    "); use a shorter id");
  }
  if (!is_valid_run_id(run_id)) {
    throw CoreError("invalid run id '" + std::string(run_id) +
                    "': only letters, digits and . _ : - are allowed (^[A-Za-z0-9._:-]+$)");
  }
  return std::string(run_id);
}

std::string normalize_run_id(std::string_view run_id) {
  std::size_t begin = 0;
  std::size_t end = run_id.size();
  while (begin < end && is_space(run_id[begin])) ++begin;
  while (end > begin && is_space(run_id[end - 1])) --end;
  std::string normalized;
  normalized.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    if (is_space(run_id[i])) {
      if (!is_space(run_id[i - 1])) normalized.push_back('_');
    } else {
      normalized.push_back(run_id[i]);
    }
  }
  return validate_run_id(normalized);
}

}  // namespace crv::core
