# embed.cmake — writes OUT, a C file defining NAME[] as the bytes of IN followed by a NUL,
# so that the dashboard's script and stylesheet live in files of their own (src/dashboard/)
# and the program still carries them (no string-length limit of ISO C applies to arrays).
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n" hex "${hex}")
file(WRITE "${OUT}" "/* generated from ${IN} by cmake/embed.cmake: do not edit */\n"
     "extern const unsigned char ${NAME}[];\n"
     "const unsigned char ${NAME}[] = {\n${hex}0};\n")
