# Turns a text file into a C string constant:
#   awk -v name=NAME -f embed.awk FILE > FILE.c
# Each line becomes one escaped string literal; the compiler joins them.
BEGIN { printf "/* Generated from %s by embed.awk: do not edit. */\n", ARGV[1]
	printf "extern const char %s[];\nconst char %s[] =\n", name, name }
{
	gsub(/\\/, "\\\\")
	gsub(/"/, "\\\"")
	gsub(/\t/, "\\t")
	gsub(/\r/, "\\r")
	printf "\t\"%s\\n\"\n", $0
}
END { printf "\t\"\";\n" }
