/* Copies what one read() of a file returns into another file: what the program saw, for a test to check. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fault_reader INPUT OUTPUT\n");
        return 2;
    }
    char buffer[256];
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        perror("open");
        return 1;
    }
    ssize_t length = read(in, buffer, sizeof buffer);
    if (length < 0) {
        perror("read");
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (out == NULL) {
        perror("fopen");
        return 1;
    }
    fwrite(buffer, 1, (size_t)length, out);
    return fclose(out) == 0 ? 0 : 1;
}
