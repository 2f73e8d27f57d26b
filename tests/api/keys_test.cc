// API keys: SHA-256 against the FIPS 180-2 vectors, tokens, the keys file, and the key ring.
#include "whoknows/api/keys.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <string>

#include "support/temp_db.h"

namespace whoknows::api {
namespace {

using whoknows::testing::TempDir;

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors", "[api][keys]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("tokens carry 256 random bits in URL-safe characters", "[api][keys]") {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto token = NewToken();
    REQUIRE(token.ok());
    CHECK(token->size() == 3 + 43);  // "wk_" and ceil(256 / 6) characters
    CHECK(token->rfind("wk_", 0) == 0);
    CHECK(token->find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 3) ==
          std::string::npos);
    CHECK(seen.insert(*token).second);
  }
}

TEST_CASE("roles round-trip through their names", "[api][keys]") {
  for (Role role : {Role::kNone, Role::kReader, Role::kEditor, Role::kAdmin}) {
    CHECK(ParseRole(RoleName(role)) == role);
  }
  CHECK_FALSE(ParseRole("root"));
  CHECK(Role::kReader < Role::kEditor);
  CHECK(Role::kEditor < Role::kAdmin);
}

TEST_CASE("the keys file keeps hashes only, mode 0600, and the ring finds tokens by them",
          "[api][keys]") {
  TempDir dir;
  const std::string file = dir.Sub("keys.json");
  CHECK(ReadKeyFile(file).status().IsNotFound());
  auto reader = AddKey(file, "ci-reader", Role::kReader);
  auto admin = AddKey(file, "ops@example", Role::kAdmin);
  REQUIRE(reader.ok());
  REQUIRE(admin.ok());

  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find(*reader) == std::string::npos);
  CHECK(text.find(Sha256Hex(*reader)) != std::string::npos);

  auto keys = ReadKeyFile(file);
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 2);
  CHECK((*keys)[0].name == "ci-reader");
  CHECK((*keys)[0].role == Role::kReader);
  CHECK((*keys)[1].created.size() == 20);  // 2026-11-27T05:20:00Z

  KeyRing ring(*keys);
  REQUIRE(ring.Find(*admin) != nullptr);
  CHECK(ring.Find(*admin)->name == "ops@example");
  CHECK(ring.Find(*reader)->role == Role::kReader);
  CHECK(ring.Find("wk_nottherightone") == nullptr);
  CHECK(ring.Find("") == nullptr);
  CHECK(ring.Find(Sha256Hex(*admin)) == nullptr);  // the hash is not a token

  CHECK(AddKey(file, "ci-reader", Role::kEditor).status().reason() == "key_exists");
  CHECK(AddKey(file, "bad name", Role::kEditor).status().reason() == "invalid_key_name");
  CHECK(AddKey(file, "nobody", Role::kNone).status().reason() == "invalid_role");
  CHECK(RevokeKey(file, "ghost").reason() == "unknown_key");
  REQUIRE(RevokeKey(file, "ci-reader").ok());
  keys = ReadKeyFile(file);
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 1);
  CHECK(KeyRing(*keys).Find(*reader) == nullptr);
}

TEST_CASE("a file that is not a keys file is refused as corruption", "[api][keys]") {
  TempDir dir;
  const std::string file = dir.Sub("keys.json");
  for (
      const char* text :
      {"not json", "{}", R"({"version": 2, "keys": []})",
       R"({"version": 1, "keys": [{"name": "a", "role": "root", "sha256": "00", "created": ""}]})",
       R"({"version": 1, "keys": [{"name": "a", "role": "reader", "sha256": "00", "created": ""}]})"}) {
    INFO(text);
    std::ofstream(file) << text;
    auto keys = ReadKeyFile(file);
    CHECK(keys.status().code() == Status::Code::kCorruption);
    CHECK(AddKey(file, "x", Role::kReader).status().code() == Status::Code::kCorruption);
  }
}

}  // namespace
}  // namespace whoknows::api
