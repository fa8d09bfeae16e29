# resconv_add_plugin(<id> SOURCES <impl sources...> [MODULE_SOURCES <...>] [LIBRARIES <...>]
#                    [DESCRIPTOR <format.json>])
#
# Builds a plugin the way ARCHITECTURE section 1 describes:
#   <id>_impl        static, position-independent library with the plugin's code (unit tests link it)
#   resconv_<id>     the MODULE the host loads, linking <id>_impl
# The format descriptor formats/<id>/format.json is embedded in the module (so the plugin
# describes itself) and copied beside it as <id>.format.json (so the host reads it without dlopen).
function(resconv_add_plugin id)
  cmake_parse_arguments(ARG "" "DESCRIPTOR" "SOURCES;MODULE_SOURCES;LIBRARIES" ${ARGN})
  set(descriptor "${ARG_DESCRIPTOR}")
  if(NOT descriptor)
    set(descriptor "${PROJECT_SOURCE_DIR}/formats/${id}/format.json")
  endif()
  if(NOT EXISTS "${descriptor}")
    message(FATAL_ERROR "plugin ${id}: missing descriptor ${descriptor}")
  endif()

  add_library(${id}_impl STATIC ${ARG_SOURCES})
  target_link_libraries(${id}_impl PUBLIC resconv::sdk ${ARG_LIBRARIES})
  target_include_directories(${id}_impl PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
  set_target_properties(${id}_impl PROPERTIES POSITION_INDEPENDENT_CODE ON
                        CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  resconv_set_warnings(${id}_impl)

  resconv_embed_descriptor(${id} "${descriptor}" embedded_source)
  add_library(resconv_${id} MODULE ${ARG_MODULE_SOURCES} "${embedded_source}")
  target_link_libraries(resconv_${id} PRIVATE ${id}_impl)
  set_target_properties(resconv_${id} PROPERTIES
    PREFIX "" OUTPUT_NAME "resconv_${id}"
    LIBRARY_OUTPUT_DIRECTORY "${RESCONV_BUILD_PLUGIN_DIR}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    INSTALL_RPATH "$ORIGIN/../..")
  # Every symbol resolved at link time, except under clang's sanitizers, whose runtime
  # lives in the executable and is found only when the module is loaded.
  if(NOT (CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_FLAGS MATCHES "-fsanitize"))
    target_link_options(resconv_${id} PRIVATE -Wl,--no-undefined)
  endif()
  resconv_set_warnings(resconv_${id})

  configure_file("${descriptor}" "${RESCONV_BUILD_PLUGIN_DIR}/${id}.format.json" COPYONLY)
  install(TARGETS resconv_${id} LIBRARY DESTINATION "${RESCONV_PLUGIN_SUBDIR}")
  install(FILES "${descriptor}" DESTINATION "${RESCONV_PLUGIN_SUBDIR}" RENAME "${id}.format.json")
endfunction()

# Writes a C++ source defining resconv_embedded_descriptor[], the descriptor's text.
function(resconv_embed_descriptor id descriptor out_var)
  file(READ "${descriptor}" text)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${id}_descriptor.cpp")
  set(content "// Generated from ${descriptor}; do not edit.\nextern \"C\" const char resconv_embedded_descriptor[];\nextern \"C\" const char resconv_embedded_descriptor[] = R\"resconv_json(${text})resconv_json\";\n")
  file(GENERATE OUTPUT "${out}" CONTENT "${content}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${descriptor}")
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
