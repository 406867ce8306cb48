# kiosk/config.cmake — included by kiosk/CMakeLists.txt. The kiosk's
# configuration and message-catalog library (th_kconf), the compiled
# catalogs (po/*.po -> build/locale/<lang>/LC_MESSAGES/treehole.mo), and
# the install rules for what deployment needs besides the binaries: the
# catalogs, the systemd unit, the sysusers entry, the PAM service and the
# example configuration (docs/deploy.md says what goes where).
include(GNUInstallDirs)

add_library(th_kconf STATIC
  ${CMAKE_CURRENT_LIST_DIR}/config.c
  ${CMAKE_CURRENT_LIST_DIR}/config_defaults.c
  ${CMAKE_CURRENT_LIST_DIR}/i18n.c
)
target_include_directories(th_kconf PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(th_kconf PUBLIC th_fonts PRIVATE PkgConfig::INIH)
# The catalog is looked for next to the executable first; these two are
# the fall-backs for programs elsewhere in the build tree (tests) and for
# an installed binary.
target_compile_definitions(th_kconf PRIVATE
  TREEHOLE_BUILD_LOCALEDIR="${CMAKE_BINARY_DIR}/locale"
  TREEHOLE_INSTALL_LOCALEDIR="${CMAKE_INSTALL_FULL_LOCALEDIR}")

# --- message catalogs ------------------------------------------------------
find_program(TREEHOLE_MSGFMT msgfmt REQUIRED)
set(th_po_dir ${CMAKE_SOURCE_DIR}/po)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${th_po_dir}/LINGUAS)
file(STRINGS ${th_po_dir}/LINGUAS th_po_langs REGEX "^[A-Za-z]")
set(th_po_mos)
foreach(th_lang IN LISTS th_po_langs)
  set(th_mo_dir ${CMAKE_BINARY_DIR}/locale/${th_lang}/LC_MESSAGES)
  # --check refuses a translation whose printf directives differ from the
  # msgid's: a wrong %d would crash the kiosk, not just misprint.
  add_custom_command(
    OUTPUT ${th_mo_dir}/treehole.mo
    COMMAND ${CMAKE_COMMAND} -E make_directory ${th_mo_dir}
    COMMAND ${TREEHOLE_MSGFMT} --check -o ${th_mo_dir}/treehole.mo ${th_po_dir}/${th_lang}.po
    DEPENDS ${th_po_dir}/${th_lang}.po
    COMMENT "Compiling the ${th_lang} message catalog"
    VERBATIM)
  list(APPEND th_po_mos ${th_mo_dir}/treehole.mo)
  install(FILES ${th_mo_dir}/treehole.mo
          DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${th_lang}/LC_MESSAGES)
endforeach()
add_custom_target(th_po ALL DEPENDS ${th_po_mos})
# Whatever links th_kconf finds its catalogs built.
add_dependencies(th_kconf th_po)

# --- deployment ------------------------------------------------------------
# systemd reads units, sysusers and tmpfiles from <prefix>/lib as well for
# /usr and /usr/local; set these for another layout.
set(TREEHOLE_SYSTEMD_UNITDIR "${CMAKE_INSTALL_PREFIX}/lib/systemd/system"
    CACHE PATH "Where the treehole.service unit is installed")
set(TREEHOLE_SYSUSERSDIR "${CMAKE_INSTALL_PREFIX}/lib/sysusers.d"
    CACHE PATH "Where the treehole system user entry is installed")
set(TREEHOLE_CONFIG_FILE "/etc/treehole/treehole.ini"
    CACHE FILEPATH "Configuration file the systemd unit passes to treehole")
configure_file(${CMAKE_SOURCE_DIR}/deploy/treehole.service.in
               ${CMAKE_BINARY_DIR}/deploy/treehole.service @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/deploy/treehole.service
        DESTINATION ${TREEHOLE_SYSTEMD_UNITDIR})
install(FILES ${CMAKE_SOURCE_DIR}/deploy/treehole.sysusers
        DESTINATION ${TREEHOLE_SYSUSERSDIR} RENAME treehole.conf)
# /etc is the administrator's: these are copied there by hand (docs/deploy.md).
install(FILES ${CMAKE_SOURCE_DIR}/docs/treehole.ini.example
        DESTINATION ${CMAKE_INSTALL_DATADIR}/treehole/examples)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/pam.d/treehole
        DESTINATION ${CMAKE_INSTALL_DATADIR}/treehole/examples/pam.d)
install(FILES ${CMAKE_SOURCE_DIR}/docs/deploy.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
