/* Three threads block, in pause, futex and read, and the program ends (exit_group) once /proc shows each in its call:
 * the calls are cut short. A tracer ends pause's and futex's lines ") = ?" (they printed every argument when entered)
 * and read's "<unfinished ...>) = ?" (its buffer was left for its return), as strace does. */
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int s_word;
static int s_pipe[2];

static void *in_pause(void *unused) { (void)unused; pause(); return NULL; }
static void *in_futex(void *unused) { (void)unused; syscall(SYS_futex, &s_word, FUTEX_WAIT, 0, NULL, NULL, 0); return NULL; }
static void *in_read(void *unused) { (void)unused; char byte; (void)read(s_pipe[0], &byte, 1); return NULL; }

/* Whether the thread is in the call: /proc/self/task/TID/syscall starts with its number. */
static int in_call(pid_t tid, long number)
{
    char path[64], line[32];
    snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)tid);
    FILE *file = fopen(path, "r");
    long seen = -1;
    if (file != NULL && fgets(line, sizeof line, file) != NULL)
        sscanf(line, "%ld", &seen);
    if (file != NULL)
        fclose(file);
    return seen == number;
}

static pid_t s_tids[3];
static void *(*const s_runs[3])(void *) = { in_pause, in_futex, in_read };

static void *started(void *index)
{
    s_tids[(long)index] = (pid_t)syscall(SYS_gettid);
    return s_runs[(long)index](NULL);
}

int main(void)
{
    static const long numbers[3] = { SYS_pause, SYS_futex, SYS_read };
    if (pipe(s_pipe) != 0)
        return 1;
    pthread_t threads[3];
    for (long i = 0; i < 3; i++)
        pthread_create(&threads[i], NULL, started, (void *)i);
    struct timespec tick = { 0, 1000000L };
    for (int waited = 0; waited < 10000; waited++) {
        int all = 1;
        for (int i = 0; i < 3; i++)
            all &= s_tids[i] != 0 && in_call(__atomic_load_n(&s_tids[i], __ATOMIC_ACQUIRE), numbers[i]);
        if (all)
            return 0;
        nanosleep(&tick, NULL);
    }
    return 2;
}
