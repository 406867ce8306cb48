# tests/kiosk/config_tests.cmake — included by tests/kiosk/CMakeLists.txt:
# the configuration loader and the message catalog (cmocka), the catalog
# checked against the strings in kiosk/*.c, and the config fuzz corpus.
add_executable(kiosk_config test_config.c)
target_link_libraries(kiosk_config PRIVATE th_kconf PkgConfig::INIH PkgConfig::CMOCKA)
target_compile_definitions(kiosk_config PRIVATE
  TEST_EXAMPLE_INI="${CMAKE_SOURCE_DIR}/docs/treehole.ini.example")
add_test(NAME kiosk_config COMMAND kiosk_config)

add_executable(kiosk_i18n test_i18n.c)
target_link_libraries(kiosk_i18n PRIVATE th_kconf PkgConfig::CMOCKA)
target_compile_definitions(kiosk_i18n PRIVATE TEST_LOCALEDIR="${CMAKE_BINARY_DIR}/locale")
add_test(NAME kiosk_i18n COMMAND kiosk_i18n)

# Every string marked in kiosk/ must have a Chinese translation in
# po/zh_CN.po, or the interface would show it in English.
find_program(TREEHOLE_XGETTEXT xgettext REQUIRED)
find_program(TREEHOLE_MSGMERGE msgmerge REQUIRED)
find_program(TREEHOLE_MSGATTRIB msgattrib REQUIRED)
add_test(NAME kiosk_catalog
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
                 -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR} -DXGETTEXT=${TREEHOLE_XGETTEXT}
                 -DMSGMERGE=${TREEHOLE_MSGMERGE}
                 -DMSGATTRIB=${TREEHOLE_MSGATTRIB} -P ${CMAKE_CURRENT_SOURCE_DIR}/check_catalog.cmake)

set_tests_properties(kiosk_config kiosk_i18n kiosk_catalog PROPERTIES LABELS kiosk)

# The config fuzz harness: its corpus replayed by ctest with any compiler;
# a real libFuzzer binary only with -DTREEHOLE_FUZZ=ON (clang).
add_executable(replay_config fuzz_config.c ${CMAKE_SOURCE_DIR}/tests/fuzz/replay.c)
target_link_libraries(replay_config PRIVATE th_kconf)
add_test(NAME fuzz_replay_config
         COMMAND replay_config ${CMAKE_CURRENT_SOURCE_DIR}/corpus_config)
if(TREEHOLE_FUZZ)
  # The loader's sources are compiled into the fuzzer itself, so that
  # libFuzzer sees their coverage (th_kconf is built without it).
  add_executable(fuzz_config fuzz_config.c ${CMAKE_SOURCE_DIR}/kiosk/config.c
                 ${CMAKE_SOURCE_DIR}/kiosk/config_defaults.c)
  target_include_directories(fuzz_config PRIVATE ${CMAKE_SOURCE_DIR}/kiosk)
  target_compile_options(fuzz_config PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_config PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_config PRIVATE th_fonts PkgConfig::INIH)
endif()
