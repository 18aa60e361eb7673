/* Writes the host name uname reports and the size stat reports for a path, one per line, into a file. */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fault_identity PATH OUTPUT\n");
        return 2;
    }
    struct utsname name;
    struct stat status;
    if (uname(&name) != 0 || stat(argv[1], &status) != 0) {
        perror("fault_identity");
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (out == NULL)
        return 1;
    fprintf(out, "%s\n%lld\n", name.nodename, (long long)status.st_size);
    return fclose(out) == 0 ? 0 : 1;
}
