/* Copies the first line of a file without checking anything: when fopen fails it passes NULL on and crashes.
 * Static, so that the dynamic loader's own calls do not count in a fault sweep. */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    char line[64] = "";
    FILE *in = fopen(argv[1], "r");
    fgets(line, sizeof line, in);
    FILE *out = fopen(argv[2], "w");
    fputs(line, out);
    fclose(out);
    fclose(in);
    return 0;
}
