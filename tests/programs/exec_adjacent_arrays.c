/* Runs /bin/true with argv and envp in one array, envp's 63 strings right after argv's NULL: what a tracer copies of
 * argv's array runs on into envp's, and must not stand for envp's own (it ends before envp's NULL). */
#include <stdio.h>
#include <unistd.h>

#define VARS 63

int main(void)
{
    static char names[VARS][8];
    char *arrays[2 + VARS + 1] = {"/bin/true", NULL};
    for (int i = 0; i < VARS; i++) {
        snprintf(names[i], sizeof names[i], "V%d=x", i);
        arrays[2 + i] = names[i];
    }
    arrays[2 + VARS] = NULL;
    execve("/bin/true", arrays, arrays + 2);
    return 127;
}
