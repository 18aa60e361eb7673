/* A program with two paths for the seccomp profile tests: it copies its own name (/proc/self/comm) to its standard
 * output, and with the argument "extra" first asks uname(2) for the machine's name, a call the plain path never makes.
 * When the extra call fails it says so and exits 2. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "extra") == 0) {
        struct utsname name;
        if (uname(&name) != 0) {
            fprintf(stderr, "uname: %s\n", strerror(errno));
            return 2;
        }
        printf("%s\n", name.machine);
    }
    int fd = open("/proc/self/comm", O_RDONLY);
    if (fd < 0)
        return 1;
    char buffer[256];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        fwrite(buffer, 1, (size_t)n, stdout);
    close(fd);
    return 0;
}
