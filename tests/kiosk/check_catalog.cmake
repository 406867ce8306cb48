# check_catalog.cmake — run by ctest (kiosk_catalog): extracts the strings
# marked with _(), N_() and ngettext() in kiosk/*.c and fails, printing
# them, if po/zh_CN.po has no (or only a fuzzy) translation of any.
file(GLOB sources ${SOURCE_DIR}/kiosk/*.c ${SOURCE_DIR}/kiosk/*.h)
set(pot ${WORK_DIR}/extracted.pot)
set(merged ${WORK_DIR}/merged.po)
execute_process(
  COMMAND ${XGETTEXT} --language=C --from-code=UTF-8 --keyword=_ --keyword=N_
          --keyword=ngettext:1,2 --force-po --no-wrap -o ${pot} ${sources}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed on kiosk/")
endif()
# The catalog as it would be for these sources; no guessing from similar
# strings, so a new string stays untranslated.
execute_process(
  COMMAND ${MSGMERGE} --quiet --no-fuzzy-matching --no-wrap -o ${merged}
          ${SOURCE_DIR}/po/zh_CN.po ${pot}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgmerge failed on po/zh_CN.po")
endif()
set(missing "")
foreach(filter --untranslated --only-fuzzy)
  execute_process(COMMAND ${MSGATTRIB} ${filter} --no-obsolete --no-wrap ${merged}
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "msgattrib failed")
  endif()
  # Drop the header entry (up to the first blank line).
  string(FIND "${out}" "\n\n" header_end)
  if(header_end GREATER -1)
    math(EXPR header_end "${header_end} + 2")
    string(SUBSTRING "${out}" ${header_end} -1 out)
    string(APPEND missing "${out}")
  endif()
endforeach()
if(NOT missing STREQUAL "")
  message("${missing}")
  message(FATAL_ERROR "po/zh_CN.po has no Chinese for the strings of kiosk/ above "
                      "(po/README.md says how to update it)")
endif()
