# Writes OUTPUT, a C++ source defining whoknows::api::OpenApiDocument() with the bytes of INPUT
# (schema/openapi.json) as raw string chunks of at most 16000 bytes each (compilers limit the
# length of one literal).  Run by the build whenever INPUT changes.
file(READ "${INPUT}" content)
if(content MATCHES "\\)wkoa\"")
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter )wkoa\"")
endif()
string(LENGTH "${content}" length)
set(chunks "")
set(pos 0)
while(pos LESS length)
  string(SUBSTRING "${content}" ${pos} 16000 chunk)
  string(APPEND chunks "    R\"wkoa(${chunk})wkoa\",\n")
  math(EXPR pos "${pos} + 16000")
endwhile()
file(WRITE "${OUTPUT}"
"// Generated from schema/openapi.json by src/api/embed_openapi.cmake; do not edit.
#include <string>

#include \"whoknows/api/openapi.h\"

namespace whoknows::api {

namespace {

const char* const kChunks[] = {
${chunks}    \"\"};

}  // namespace

std::string_view OpenApiDocument() {
  static const std::string* const kDocument = [] {
    auto* text = new std::string;
    for (const char* chunk : kChunks) text->append(chunk);
    return text;
  }();
  return *kDocument;
}

}  // namespace whoknows::api
")
