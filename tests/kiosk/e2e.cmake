# tests/kiosk/e2e.cmake — included by tests/kiosk/CMakeLists.txt: the kiosk
# driven end to end (e2e_*.sh with scripts/*.txt), its reference screenshots
# (ref/, compared by kiosk_shots), the script parser's unit tests and its
# fuzz corpus.
#
# Reference screenshots: after an intended change of the screens, rewrite
# them with
#   TREEHOLE_UPDATE_REFS=1 ctest -R kiosk_e2e --output-on-failure
# and look at every changed ref/*.png before committing it. A mismatch saves
# actual | expected | differing pixels as <build>/tests/kiosk/e2e/<test>/
# <name>_mismatch.png and prints that path.

# The picture checker: compare with references, blank, same, XWD to PNG.
add_executable(kiosk_shots test_shots.c)
target_link_libraries(kiosk_shots PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)

# The script parser (kiosk/script.c), unit by unit.
add_executable(kiosk_script test_script.c)
target_link_libraries(kiosk_script PRIVATE th_kiosk PkgConfig::CMOCKA)
add_test(NAME kiosk_script COMMAND kiosk_script)
set_tests_properties(kiosk_script PROPERTIES LABELS kiosk TIMEOUT 60)

# End to end. Each test gets the kiosk, the admin tool, the checker and a
# work folder in the build tree; 77 means skipped (no xvfb-run or xdotool).
set(TREEHOLE_E2E_TESTS
  write_approve   # write, seal, unreadable pending note, unlock, approve, feed
  idle_wipe       # the idle countdown wipes a draft
  backoff         # wrong passphrases back off, doubling
  exit_keys       # Escape, Ctrl+Q/W, Alt+F4 and close are ignored
  report          # a passerby reports a note from browse
  shots           # every screen against ref/, landscape and portrait
  demo_keys       # the demo passphrase typed on the pad; report confirmed at once
  x11             # a real X11 window under Xvfb: script mode, then xdotool
  x11_redraw      # live taps that change a screen must redraw it
  osk_type        # a note typed on the on-screen pinyin keys and the handwriting pad
  ink_note        # a note written by hand: canvas, approve, feed, export
)
foreach(name IN LISTS TREEHOLE_E2E_TESTS)
  add_test(NAME kiosk_e2e_${name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e_${name}.sh $<TARGET_FILE:treehole>
                   $<TARGET_FILE:treehole-admin> $<TARGET_FILE:kiosk_shots>
                   ${CMAKE_CURRENT_BINARY_DIR}/e2e)
  set_tests_properties(kiosk_e2e_${name} PROPERTIES LABELS kiosk TIMEOUT 900
                       SKIP_RETURN_CODE 77)
endforeach()
# Under Xvfb the display number is chosen by xvfb-run -a; still, two X
# servers starting at once on a 2-core machine slow each other down.
set_tests_properties(kiosk_e2e_x11 kiosk_e2e_x11_redraw PROPERTIES RESOURCE_LOCK xvfb)

# The script parser's fuzz harness: ctest replays its corpus with the plain
# driver of tests/fuzz; -DTREEHOLE_FUZZ=ON (clang) also builds the fuzzer.
add_executable(replay_script fuzz_script.c ${CMAKE_SOURCE_DIR}/tests/fuzz/replay.c)
target_link_libraries(replay_script PRIVATE th_kiosk)
add_test(NAME fuzz_replay_script
         COMMAND replay_script ${CMAKE_CURRENT_SOURCE_DIR}/corpus_script)
set_tests_properties(fuzz_replay_script PROPERTIES LABELS "kiosk;fuzz" TIMEOUT 120)
if(TREEHOLE_FUZZ)
  add_executable(fuzz_script fuzz_script.c)
  target_compile_options(fuzz_script PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_script PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_script PRIVATE th_kiosk)
endif()
