// The files of the web page (web/), compiled into the binary by src/api/embed_web.cmake.
#ifndef WHOKNOWS_SRC_API_WEB_ASSETS_H_
#define WHOKNOWS_SRC_API_WEB_ASSETS_H_

namespace whoknows::api::internal {

struct WebAsset {
  const char* name;          // the file name under web/, e.g. "app.js"
  const char* content_type;  // e.g. "text/javascript; charset=utf-8"
  const char* etag;          // quoted, e.g. "\"0123456789abcdef\"": changes with the bytes
  const char* body;          // the whole file (the files are text without NUL bytes)
};

// Every file of web/, in the order CMake listed them.
const WebAsset* WebAssetsBegin();
const WebAsset* WebAssetsEnd();

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_WEB_ASSETS_H_
