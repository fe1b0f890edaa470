#include <gtest/gtest.h>

#include <string>

#include "crv/io/errors.hpp"
#include "crv/io/settings.hpp"
#include "io/temp_dir.hpp"

namespace crv::io {
namespace {

using testing::TempDir;
using Vars = std::map<std::string, std::string, std::less<>>;

IoSettings load_in(const TempDir& dir, Vars vars = {}) {
  return IoSettings::load(std::nullopt, EnvVars::from_map(std::move(vars)), dir.path());
}

// Loads and returns the IoConfigError message (fails the test when nothing is thrown).
std::string config_error(const TempDir& dir, Vars vars = {}) {
  try {
    load_in(dir, std::move(vars));
  } catch (const IoConfigError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected IoConfigError";
  return {};
}

TEST(IoSettings, DefaultsAlone) {
  TempDir dir;
  const IoSettings settings = load_in(dir);
  EXPECT_EQ(settings, IoSettings{});
  EXPECT_EQ(settings.root_dir, "out");
  EXPECT_EQ(settings.partitioning, "tick_buckets");
  EXPECT_EQ(settings.tick_bucket_size, 100);
  EXPECT_EQ(settings.row_group_size, 131072);
  EXPECT_EQ(settings.compression, "zstd");
  EXPECT_EQ(settings.compression_level, 3);
  EXPECT_EQ(settings.fs_protocol, "file");
  EXPECT_TRUE(settings.fs_options.empty());
  EXPECT_TRUE(settings.strict_schema);
  EXPECT_EQ(settings.write_manifest_every_n, 1);
  EXPECT_FALSE(settings.valuation.enabled);
  EXPECT_EQ(settings.valuation.cost_method, "wac");
  EXPECT_EQ(settings.valuation.price_source, "last_trade");
  EXPECT_EQ(settings.valuation.vwap_window_ticks, 10);
  EXPECT_EQ(settings.valuation.currency, "native");
}

TEST(IoSettings, CrvTomlIoTableAlone) {
  TempDir dir;
  dir.write("crv.toml",
            "[io]\nroot_dir = \"data\"\ntick_bucket_size = 50\nrow_group_size = 1000\n"
            "compression = \"lz4\"\nstrict_schema = false\nwrite_manifest_every_n = 4\n"
            "compression_level = 7\n"
            "[io.valuation]\nenabled = true\ncost_method = \"fifo\"\nprice_source = \"vwap_window\"\n"
            "vwap_window_ticks = 20\ncurrency = \"usd\"\n"
            "[io.fs_options]\nanon = true\nregion = \"eu\"\n");
  const IoSettings settings = load_in(dir);
  EXPECT_EQ(settings.root_dir, "data");
  EXPECT_EQ(settings.tick_bucket_size, 50);
  EXPECT_EQ(settings.row_group_size, 1000);
  EXPECT_EQ(settings.compression, "lz4");
  EXPECT_EQ(settings.compression_level, 7);
  EXPECT_FALSE(settings.strict_schema);
  EXPECT_EQ(settings.write_manifest_every_n, 4);
  EXPECT_TRUE(settings.valuation.enabled);
  EXPECT_EQ(settings.valuation.cost_method, "fifo");
  EXPECT_EQ(settings.valuation.price_source, "vwap_window");
  EXPECT_EQ(settings.valuation.vwap_window_ticks, 20);
  EXPECT_EQ(settings.valuation.currency, "usd");
  EXPECT_EQ(settings.fs_options, (std::map<std::string, std::string>{{"anon", "true"}, {"region", "eu"}}));
}

TEST(IoSettings, CrvTomlTopLevelKeys) {
  TempDir dir;
  dir.write("crv.toml", "tick_bucket_size = 7\ncompression = \"snappy\"\n");
  const IoSettings settings = load_in(dir);
  EXPECT_EQ(settings.tick_bucket_size, 7);
  EXPECT_EQ(settings.compression, "snappy");
}

TEST(IoSettings, PyprojectToolCrvIo) {
  TempDir dir;
  dir.write("pyproject.toml",
            "[project]\nname = \"sim\"\n[tool.crv.io]\nroot_dir = \"py_out\"\ntick_bucket_size = 25\n"
            "strict_schema = false\n");
  const IoSettings settings = load_in(dir);
  EXPECT_EQ(settings.root_dir, "py_out");
  EXPECT_EQ(settings.tick_bucket_size, 25);
  EXPECT_FALSE(settings.strict_schema);
}

TEST(IoSettings, CrvTomlWinsOverPyproject) {
  TempDir dir;
  dir.write("crv.toml", "[io]\ntick_bucket_size = 11\n");
  dir.write("pyproject.toml", "[tool.crv.io]\ntick_bucket_size = 22\nroot_dir = \"py\"\n");
  const IoSettings settings = load_in(dir);
  EXPECT_EQ(settings.tick_bucket_size, 11);
  EXPECT_EQ(settings.root_dir, "out");  // files are not merged: the first one wins
}

TEST(IoSettings, CrvTomlWithoutSettingsFallsBackToPyproject) {
  TempDir dir;
  dir.write("crv.toml", "[other]\nx = 1\n");
  dir.write("pyproject.toml", "[tool.crv.io]\ntick_bucket_size = 22\n");
  EXPECT_EQ(load_in(dir).tick_bucket_size, 22);
}

TEST(IoSettings, PyprojectWithoutToolTableIsIgnored) {
  TempDir dir;
  dir.write("pyproject.toml", "[project]\nname = \"x\"\ntick_bucket_size = 5\n");
  EXPECT_EQ(load_in(dir).tick_bucket_size, 100);
}

TEST(IoSettings, EnvironmentOverridesToml) {
  TempDir dir;
  dir.write("crv.toml", "[io]\nroot_dir = \"toml_out\"\ntick_bucket_size = 50\ncompression = \"lz4\"\n");
  const IoSettings settings = load_in(dir, {{"CRV_IO_TICK_BUCKET_SIZE", "200"}, {"CRV_IO_COMPRESSION", "snappy"}});
  EXPECT_EQ(settings.tick_bucket_size, 200);
  EXPECT_EQ(settings.compression, "snappy");
  EXPECT_EQ(settings.root_dir, "toml_out");
}

TEST(IoSettings, EveryEnvironmentVariable) {
  TempDir dir;
  const IoSettings settings = load_in(dir, {
                                               {"CRV_IO_ROOT_DIR", "/tmp/env_out"},
                                               {"CRV_IO_PARTITIONING", "tick_buckets"},
                                               {"CRV_IO_TICK_BUCKET_SIZE", "10"},
                                               {"CRV_IO_ROW_GROUP_SIZE", "2048"},
                                               {"CRV_IO_COMPRESSION", "ZSTD"},
                                               {"CRV_IO_COMPRESSION_LEVEL", "9"},
                                               {"CRV_IO_FS_PROTOCOL", "file"},
                                               {"CRV_IO_STRICT_SCHEMA", "no"},
                                               {"CRV_IO_WRITE_MANIFEST_EVERY_N", "3"},
                                               {"CRV_IO_INLINE_MAX_ROWS", "0"},
                                               {"CRV_IO_INLINE_MAX_BYTES", "65536"},
                                               {"CRV_IO_LOG_SEGMENT_BYTES", "1048576"},
                                               {"CRV_IO_VACUUM_GRACE_SECONDS", "30"},
                                               {"CRV_IO_VALUATION_ENABLED", "on"},
                                               {"CRV_IO_VALUATION_COST_METHOD", "specific_lot"},
                                               {"CRV_IO_VALUATION_PRICE_SOURCE", "oracle"},
                                               {"CRV_IO_VALUATION_VWAP_WINDOW_TICKS", "5"},
                                               {"CRV_IO_VALUATION_CURRENCY", "eur"},
                                           });
  EXPECT_EQ(settings.root_dir, "/tmp/env_out");
  EXPECT_EQ(settings.tick_bucket_size, 10);
  EXPECT_EQ(settings.row_group_size, 2048);
  EXPECT_EQ(settings.compression, "zstd");
  EXPECT_EQ(settings.compression_level, 9);
  EXPECT_FALSE(settings.strict_schema);
  EXPECT_EQ(settings.write_manifest_every_n, 3);
  EXPECT_EQ(settings.inline_max_rows, 0);
  EXPECT_EQ(settings.inline_max_bytes, 65536);
  EXPECT_EQ(settings.log_segment_bytes, 1048576);
  EXPECT_EQ(settings.vacuum_grace_seconds, 30);
  EXPECT_TRUE(settings.valuation.enabled);
  EXPECT_EQ(settings.valuation.cost_method, "specific_lot");
  EXPECT_EQ(settings.valuation.price_source, "oracle");
  EXPECT_EQ(settings.valuation.vwap_window_ticks, 5);
  EXPECT_EQ(settings.valuation.currency, "eur");
}

TEST(IoSettings, EmptyVariableCountsAsUnset) {
  TempDir dir;
  dir.write("crv.toml", "[io]\ntick_bucket_size = 50\n");
  const IoSettings settings = load_in(dir, {{"CRV_IO_TICK_BUCKET_SIZE", ""}, {"CRV_IO_COMPRESSION", ""}});
  EXPECT_EQ(settings.tick_bucket_size, 50);
  EXPECT_EQ(settings.compression, "zstd");
}

TEST(IoSettings, BooleanSpellings) {
  TempDir dir;
  for (const char* yes : {"1", "true", "TRUE", "t", "yes", "Y", "on", " On "}) {
    EXPECT_TRUE(load_in(dir, {{"CRV_IO_STRICT_SCHEMA", yes}}).strict_schema) << yes;
  }
  for (const char* no : {"0", "false", "False", "f", "no", "n", "off", "OFF"}) {
    EXPECT_FALSE(load_in(dir, {{"CRV_IO_STRICT_SCHEMA", no}}).strict_schema) << no;
  }
  const std::string message = config_error(dir, {{"CRV_IO_STRICT_SCHEMA", "maybe"}});
  EXPECT_NE(message.find("environment variable CRV_IO_STRICT_SCHEMA"), std::string::npos) << message;
  EXPECT_NE(message.find("'maybe'"), std::string::npos) << message;
}

TEST(IoSettings, CompressionAliases) {
  TempDir dir;
  EXPECT_EQ(load_in(dir, {{"CRV_IO_COMPRESSION", "none"}}).compression, "uncompressed");
  EXPECT_EQ(load_in(dir, {{"CRV_IO_COMPRESSION", "uncompressed"}}).compression, "uncompressed");
  EXPECT_EQ(load_in(dir, {{"CRV_IO_COMPRESSION", "lz4_raw"}}).compression, "lz4");
  EXPECT_EQ(load_in(dir, {{"CRV_IO_COMPRESSION", "gzip"}}).compression, "gzip");
}

TEST(IoSettings, InvalidEnvironmentValuesNameTheVariableAndValue) {
  TempDir dir;
  struct Case {
    const char* variable;
    const char* value;
  };
  for (const Case& c :
       {Case{"CRV_IO_TICK_BUCKET_SIZE", "abc"}, Case{"CRV_IO_TICK_BUCKET_SIZE", "0"},
        Case{"CRV_IO_TICK_BUCKET_SIZE", "-5"}, Case{"CRV_IO_TICK_BUCKET_SIZE", "1.5"},
        Case{"CRV_IO_ROW_GROUP_SIZE", "0"}, Case{"CRV_IO_COMPRESSION", "bzip2"}, Case{"CRV_IO_FS_PROTOCOL", "s3"},
        Case{"CRV_IO_PARTITIONING", "daily"}, Case{"CRV_IO_WRITE_MANIFEST_EVERY_N", "0"},
        Case{"CRV_IO_INLINE_MAX_ROWS", "-1"}, Case{"CRV_IO_LOG_SEGMENT_BYTES", "100"},
        Case{"CRV_IO_VACUUM_GRACE_SECONDS", "soon"}, Case{"CRV_IO_VALUATION_COST_METHOD", "average"},
        Case{"CRV_IO_VALUATION_PRICE_SOURCE", "guess"}, Case{"CRV_IO_VALUATION_VWAP_WINDOW_TICKS", "0"},
        Case{"CRV_IO_COMPRESSION_LEVEL", "high"}, Case{"CRV_IO_TICK_BUCKET_SIZE", "99999999999999999999"}}) {
    const std::string message = config_error(dir, {{c.variable, c.value}});
    EXPECT_NE(message.find(std::string("environment variable ").append(c.variable)), std::string::npos) << message;
    EXPECT_NE(message.find(std::string("'").append(c.value).append("'")), std::string::npos) << message;
  }
}

TEST(IoSettings, InvalidTomlValuesNameTheFileAndKey) {
  TempDir dir;
  dir.write("crv.toml", "[io]\ntick_bucket_size = 0\n");
  std::string message = config_error(dir);
  EXPECT_NE(message.find("crv.toml key io.tick_bucket_size"), std::string::npos) << message;
  EXPECT_NE(message.find("0"), std::string::npos) << message;

  dir.write("crv.toml", "[io]\ncompression = \"brotlix\"\n");
  message = config_error(dir);
  EXPECT_NE(message.find("crv.toml key io.compression"), std::string::npos) << message;
  EXPECT_NE(message.find("brotlix"), std::string::npos) << message;

  dir.write("crv.toml", "[io]\ntick_bucket_size = \"ten\"\n");
  message = config_error(dir);
  EXPECT_NE(message.find("crv.toml key io.tick_bucket_size"), std::string::npos) << message;

  dir.write("crv.toml", "[io]\nstrict_schema = \"perhaps\"\n");
  EXPECT_NE(config_error(dir).find("crv.toml key io.strict_schema"), std::string::npos);

  dir.write("crv.toml", "[io]\nrow_group_size = 1.5\n");
  EXPECT_NE(config_error(dir).find("crv.toml key io.row_group_size"), std::string::npos);

  dir.write("crv.toml", "[io.valuation]\ncost_method = \"avg\"\n");
  EXPECT_NE(config_error(dir).find("crv.toml key io.valuation.cost_method"), std::string::npos);

  std::filesystem::remove(dir / "crv.toml");
  dir.write("pyproject.toml", "[tool.crv.io]\nfs_protocol = \"gcs\"\n");
  message = config_error(dir);
  EXPECT_NE(message.find("pyproject.toml key tool.crv.io.fs_protocol"), std::string::npos) << message;
  EXPECT_NE(message.find("gcs"), std::string::npos) << message;
}

TEST(IoSettings, TomlNumbersAsStringsAreAccepted) {
  TempDir dir;
  dir.write("crv.toml", "[io]\ntick_bucket_size = \"64\"\nstrict_schema = \"off\"\n");
  const IoSettings settings = load_in(dir);
  EXPECT_EQ(settings.tick_bucket_size, 64);
  EXPECT_FALSE(settings.strict_schema);
}

TEST(IoSettings, UnparsableTomlIsConfigError) {
  TempDir dir;
  dir.write("crv.toml", "[io\ntick_bucket_size = = 3\n");
  const std::string message = config_error(dir);
  EXPECT_NE(message.find("crv.toml"), std::string::npos) << message;
  EXPECT_NE(message.find("not valid TOML"), std::string::npos) << message;
}

TEST(IoSettings, ExplicitPathInEitherForm) {
  TempDir dir;
  const auto plain = dir.write("conf/settings.toml", "[io]\ntick_bucket_size = 3\n");
  const auto top = dir.write("conf/top.toml", "tick_bucket_size = 4\n");
  const auto pyproject = dir.write("conf/pyproject.toml", "[tool.crv.io]\ntick_bucket_size = 5\n");
  const EnvVars none = EnvVars::from_map({});
  EXPECT_EQ(IoSettings::load(plain, none, dir.path()).tick_bucket_size, 3);
  EXPECT_EQ(IoSettings::load(top, none, dir.path()).tick_bucket_size, 4);
  EXPECT_EQ(IoSettings::load(pyproject, none, dir.path()).tick_bucket_size, 5);
  // The environment still wins over an explicit file.
  EXPECT_EQ(IoSettings::load(plain, EnvVars::from_map({{"CRV_IO_TICK_BUCKET_SIZE", "9"}}), dir.path()).tick_bucket_size,
            9);
  // An explicit path skips the search of crv.toml.
  dir.write("crv.toml", "[io]\ntick_bucket_size = 77\n");
  EXPECT_EQ(IoSettings::load(plain, none, dir.path()).tick_bucket_size, 3);
}

TEST(IoSettings, MissingExplicitPathIsConfigError) {
  TempDir dir;
  EXPECT_THROW(IoSettings::load(dir / "absent.toml", EnvVars::from_map({}), dir.path()), IoConfigError);
}

TEST(IoSettings, ValidateCatchesProgrammaticMistakes) {
  IoSettings settings;
  EXPECT_NO_THROW(settings.validate());
  settings.tick_bucket_size = 0;
  EXPECT_THROW(settings.validate(), IoConfigError);
  settings = IoSettings{};
  settings.compression = "rar";
  try {
    settings.validate();
    FAIL();
  } catch (const IoConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("compression 'rar'"), std::string::npos) << error.what();
  }
}

TEST(IoSettings, ToJson) {
  IoSettings settings;
  settings.fs_options["anon"] = "true";
  const nlohmann::json json = settings.to_json();
  EXPECT_EQ(json["root_dir"], "out");
  EXPECT_EQ(json["partitioning"], "tick_buckets");
  EXPECT_EQ(json["tick_bucket_size"], 100);
  EXPECT_EQ(json["row_group_size"], 131072);
  EXPECT_EQ(json["compression"], "zstd");
  EXPECT_EQ(json["compression_level"], 3);
  EXPECT_EQ(json["fs_protocol"], "file");
  EXPECT_EQ(json["fs_options"]["anon"], "true");
  EXPECT_EQ(json["strict_schema"], true);
  EXPECT_EQ(json["write_manifest_every_n"], 1);
  EXPECT_EQ(json["valuation"]["enabled"], false);
  EXPECT_EQ(json["valuation"]["cost_method"], "wac");
  EXPECT_EQ(json["valuation"]["price_source"], "last_trade");
  EXPECT_EQ(json["valuation"]["vwap_window_ticks"], 10);
  EXPECT_EQ(json["valuation"]["currency"], "native");
}

TEST(EnvVars, ProcessEnvironmentAndMaps) {
  EXPECT_TRUE(EnvVars::process().get("PATH").has_value());
  EXPECT_FALSE(EnvVars::process().get("CRV_IO_SURELY_NOT_SET_ANYWHERE").has_value());
  const EnvVars vars = EnvVars::from_map({{"A", "1"}});
  EXPECT_EQ(vars.get("A"), "1");
  EXPECT_EQ(vars.get("B"), std::nullopt);
}

}  // namespace
}  // namespace crv::io

namespace crv::io {
namespace {

using testing::TempDir;

// Found by the settings fuzzer: an environment value that is not UTF-8 was accepted and made
// IoSettings::to_json() throw later. Settings are text: it is refused, naming the variable.
TEST(IoSettings, AnEnvironmentValueThatIsNotUtf8IsRefused) {
  TempDir dir;
  const EnvVars env = EnvVars::from_map({{"CRV_IO_ROOT_DIR", std::string("out\xff")}});
  try {
    (void)IoSettings::load(std::nullopt, env, dir.path());
    FAIL() << "a non-UTF-8 CRV_IO_ROOT_DIR was accepted";
  } catch (const IoConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("CRV_IO_ROOT_DIR"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("not UTF-8"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace crv::io
