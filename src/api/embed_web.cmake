# Writes OUTPUT, a C++ source defining whoknows::api::internal::WebAssets(): every file of the
# web page (the ;-separated list INPUTS, all directly under web/) with its name, Content-Type, an
# ETag (the first 16 hex digits of its SHA-256) and its bytes as raw string chunks of at most
# 16000 bytes each (compilers limit the length of one literal).  Run by the build whenever one of
# the files changes, so the binary serves the page without files at run time.
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(entries "")
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME)
  get_filename_component(ext "${input}" LAST_EXT)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  else()
    message(FATAL_ERROR "${input}: no Content-Type known for '${ext}' files")
  endif()
  file(READ "${input}" content)
  if(content MATCHES "\\)wkweb\"")
    message(FATAL_ERROR "${input} contains the raw string delimiter )wkweb\"")
  endif()
  file(SHA256 "${input}" hash)
  string(SUBSTRING "${hash}" 0 16 etag)
  string(LENGTH "${content}" length)
  set(chunks "")
  set(pos 0)
  while(pos LESS length)
    string(SUBSTRING "${content}" ${pos} 16000 chunk)
    string(APPEND chunks "R\"wkweb(${chunk})wkweb\"\n")
    math(EXPR pos "${pos} + 16000")
  endwhile()
  if(chunks STREQUAL "")
    set(chunks "\"\"")
  endif()
  string(APPEND entries "    {\"${name}\", \"${type}\", \"\\\"${etag}\\\"\",\n${chunks}},\n")
endforeach()
file(WRITE "${OUTPUT}"
"// Generated from web/ by src/api/embed_web.cmake; do not edit.
#include \"${HEADER}\"

namespace whoknows::api::internal {

namespace {

const WebAsset kAssets[] = {
${entries}};

}  // namespace

const WebAsset* WebAssetsBegin() { return kAssets; }
const WebAsset* WebAssetsEnd() { return kAssets + sizeof(kAssets) / sizeof(kAssets[0]); }

}  // namespace whoknows::api::internal
")
