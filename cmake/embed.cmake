# Generates one C file holding every embedded file as a byte array, and a lookup table
# {name, data, size} (see src/util/embed.h). Names are the paths relative to the source root.
function(kawaru_embed out files)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${CMAKE_SOURCE_DIR} "-DFILES=${files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${CMAKE_SOURCE_DIR} files"
    VERBATIM)
endfunction()
