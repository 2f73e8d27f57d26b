// List cursors: the opaque "next_cursor" of a page.  A cursor is the base64url (unpadded) form of
// "v1:" and the last external id of the page, so it stays valid across writes and restarts: the
// next page starts after that id whether or not the entity still exists.
#ifndef WHOKNOWS_SRC_API_CURSOR_H_
#define WHOKNOWS_SRC_API_CURSOR_H_

#include <optional>
#include <string>
#include <string_view>

namespace whoknows::api::internal {

std::string EncodeCursor(std::string_view last_id);
// `bytes` in base64url without padding (RFC 4648 section 5); also the text of API tokens.
std::string Base64Url(std::string_view bytes);
// The id a cursor names; nullopt when `cursor` is not one EncodeCursor made.
std::optional<std::string> DecodeCursor(std::string_view cursor);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_CURSOR_H_
