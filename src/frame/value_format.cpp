#include "frame/value_format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>

namespace crv::frame::detail {
namespace {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

// Howard Hinnant's days_from_civil / civil_from_days.
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int fraction_digits(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::Second: return 0;
        case TimeUnit::Milli: return 3;
        case TimeUnit::Micro: return 6;
        case TimeUnit::Nano: return 9;
    }
    return 0;
}

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::string hms(int64_t seconds_of_day, int64_t fraction, TimeUnit unit) {
    std::string out = fmt::format("{:02}:{:02}:{:02}", seconds_of_day / 3600, seconds_of_day / 60 % 60, seconds_of_day % 60);
    const int digits = fraction_digits(unit);
    if (digits > 0) out += fmt::format(".{:0{}}", fraction, digits);
    return out;
}

bool parse_uint(std::string_view text, size_t& pos, size_t digits, int64_t& out) {
    if (pos + digits > text.size()) return false;
    int64_t value = 0;
    for (size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += digits;
    out = value;
    return true;
}

bool parse_date_at(std::string_view text, size_t& pos, int64_t& days) {
    int64_t y = 0;
    int64_t m = 0;
    int64_t d = 0;
    if (!parse_uint(text, pos, 4, y) || pos >= text.size() || text[pos++] != '-' || !parse_uint(text, pos, 2, m) || pos >= text.size() ||
        text[pos++] != '-' || !parse_uint(text, pos, 2, d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    int64_t ry = 0;
    unsigned rm = 0;
    unsigned rd = 0;
    civil_from_days(days, ry, rm, rd);
    return ry == y && rm == m && rd == d;  // rejects 2023-02-30
}

bool parse_time_at(std::string_view text, size_t& pos, TimeUnit unit, int64_t& ticks) {
    int64_t h = 0;
    int64_t mi = 0;
    int64_t s = 0;
    if (!parse_uint(text, pos, 2, h) || pos >= text.size() || text[pos++] != ':' || !parse_uint(text, pos, 2, mi) || pos >= text.size() ||
        text[pos++] != ':' || !parse_uint(text, pos, 2, s))
        return false;
    if (h > 23 || mi > 59 || s > 59) return false;
    const int64_t per_second = ticks_per_second(unit);
    int64_t fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int64_t scale = per_second;
        size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            const int digit = text[pos++] - '0';
            ++digits;
            if (scale >= 10) {
                scale /= 10;
                fraction += digit * scale;
            } else if (digit != 0) {
                return false;  // more precision than the unit holds
            }
        }
        if (digits == 0) return false;
    }
    ticks = ((h * 60 + mi) * 60 + s) * per_second + fraction;
    return true;
}

}  // namespace

int64_t ticks_per_second(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::Second: return 1;
        case TimeUnit::Milli: return 1000;
        case TimeUnit::Micro: return 1000000;
        case TimeUnit::Nano: return 1000000000;
    }
    return 1;
}

std::string format_date(int64_t days) {
    int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(days, y, m, d);
    if (y >= 0 && y <= 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
    return fmt::format("{:+05}-{:02}-{:02}", y, m, d);
}

std::string format_time_of_day(int64_t value, TimeUnit unit) {
    const int64_t per_second = ticks_per_second(unit);
    const int64_t seconds = floor_div(value, per_second);
    const int64_t fraction = value - seconds * per_second;
    return hms(((seconds % 86400) + 86400) % 86400, fraction, unit);
}

std::string format_timestamp(int64_t value, TimeUnit unit, char separator) {
    const int64_t per_second = ticks_per_second(unit);
    const int64_t seconds = floor_div(value, per_second);
    const int64_t fraction = value - seconds * per_second;
    const int64_t days = floor_div(seconds, 86400);
    const int64_t seconds_of_day = seconds - days * 86400;
    return format_date(days) + separator + hms(seconds_of_day, fraction, unit);
}

std::string format_decimal128(const uint8_t* bytes, int scale) {
    int128 value;
    std::memcpy(&value, bytes, 16);
    const bool negative = value < 0;
    uint128 magnitude = negative ? static_cast<uint128>(-(value + 1)) + 1 : static_cast<uint128>(value);
    std::string digits;
    do {
        digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude != 0);
    while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
    std::string out = negative ? "-" : "";
    for (size_t i = digits.size(); i-- > 0;) {
        out.push_back(digits[i]);
        if (scale > 0 && i == static_cast<size_t>(scale)) out.push_back('.');
    }
    return out;
}

bool parse_decimal128(std::string_view text, int precision, int scale, uint8_t* out16) {
    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
    uint128 value = 0;
    int integer_digits = 0;
    int fraction_count = 0;
    bool any_digit = false;
    bool in_fraction = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '.' && !in_fraction) {
            in_fraction = true;
            continue;
        }
        if (c < '0' || c > '9') return false;
        any_digit = true;
        if (in_fraction) {
            if (fraction_count == scale) {
                if (c != '0') return false;
                continue;
            }
            ++fraction_count;
        } else if (value != 0 || c != '0') {
            ++integer_digits;
        }
        if (integer_digits + scale > 38) return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (!any_digit) return false;
    for (; fraction_count < scale; ++fraction_count) value *= 10;
    if (integer_digits + scale > precision) return false;
    const int128 signed_value = negative ? -static_cast<int128>(value) : static_cast<int128>(value);
    std::memcpy(out16, &signed_value, 16);
    return true;
}

std::string format_double(double value, bool force_point) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    std::string out = fmt::format("{}", value);
    if (force_point && out.find_first_of(".en") == std::string::npos) out += ".0";
    return out;
}

std::string format_float(float value, bool force_point) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    std::string out = fmt::format("{}", value);
    if (force_point && out.find_first_of(".en") == std::string::npos) out += ".0";
    return out;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(kAlphabet[(v >> 6) & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    const size_t rest = bytes.size() - i;
    if (rest > 0) {
        uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

bool is_valid_utf8(std::string_view bytes) {
    size_t i = 0;
    const size_t n = bytes.size();
    while (i < n) {
        const auto c = static_cast<uint8_t>(bytes[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t extra = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n) return false;
        for (size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<uint8_t>(bytes[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::optional<int64_t> parse_date(std::string_view text) {
    size_t pos = 0;
    int64_t days = 0;
    if (!parse_date_at(text, pos, days) || pos != text.size()) return std::nullopt;
    return days;
}

std::optional<int64_t> parse_time_of_day(std::string_view text, TimeUnit unit) {
    size_t pos = 0;
    int64_t ticks = 0;
    if (!parse_time_at(text, pos, unit, ticks) || pos != text.size()) return std::nullopt;
    return ticks;
}

std::optional<int64_t> parse_timestamp(std::string_view text, TimeUnit unit) {
    size_t pos = 0;
    int64_t days = 0;
    if (!parse_date_at(text, pos, days)) return std::nullopt;
    int64_t ticks = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
        ++pos;
        if (!parse_time_at(text, pos, unit, ticks)) return std::nullopt;
    }
    int64_t offset_seconds = 0;
    if (pos < text.size()) {
        if (text[pos] == 'Z') {
            ++pos;
        } else if (text[pos] == '+' || text[pos] == '-') {
            const int sign = text[pos++] == '-' ? -1 : 1;
            int64_t h = 0;
            int64_t m = 0;
            if (!parse_uint(text, pos, 2, h)) return std::nullopt;
            if (pos < text.size() && text[pos] == ':') ++pos;
            if (!parse_uint(text, pos, 2, m)) return std::nullopt;
            offset_seconds = sign * (h * 3600 + m * 60);
        }
    }
    if (pos != text.size()) return std::nullopt;
    const int64_t per_second = ticks_per_second(unit);
    return (days * 86400 - offset_seconds) * per_second + ticks;
}

}  // namespace crv::frame::detail
