/* poll, select and epoll calls whose text tests compare with strace's. Only pipes: every result is decided
 * by what was written before the call, so the calls never wait. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    int first[2], second[2];
    if (pipe(first) != 0 || pipe(second) != 0)
        return 1;
    write(first[1], "a", 1);

    struct pollfd fds[3] = { { first[0], POLLIN, 0 }, { second[0], POLLIN | POLLPRI, 0 }, { second[1], POLLOUT, 0 } };
    poll(fds, 3, 0);
    poll(fds + 1, 1, 0);
    struct timespec zero = { 0, 0 };
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    ppoll(fds, 2, &zero, &mask);
    ppoll(fds + 1, 1, &zero, NULL);
    struct pollfd negative = { -1, POLLIN, 0 };
    poll(&negative, 1, 0);
    poll(NULL, 0, 0); /* a runtime's way to sleep: NULL, not an empty array */
    poll(fds, 0, 0);
    ppoll(NULL, 0, &zero, NULL);

    fd_set readable, writable;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(first[0], &readable);
    FD_SET(second[0], &readable);
    FD_SET(second[1], &writable);
    struct timeval no_wait = { 0, 0 };
    syscall(SYS_select, second[1] + 1, &readable, &writable, NULL, &no_wait); /* glibc's select is pselect6 */
    FD_ZERO(&readable);
    FD_SET(second[0], &readable);
    no_wait.tv_usec = 0;
    syscall(SYS_select, second[0] + 1, &readable, NULL, NULL, &no_wait);
    FD_ZERO(&readable);
    FD_SET(first[0], &readable);
    struct timespec short_wait = { 0, 0 };
    pselect(first[0] + 1, &readable, NULL, NULL, &short_wait, &mask);

    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = { .events = EPOLLIN | EPOLLET, .data.u64 = 0x100000003 };
    epoll_ctl(epoll, EPOLL_CTL_ADD, first[0], &event);
    event.events = EPOLLOUT;
    event.data.fd = second[1];
    epoll_ctl(epoll, EPOLL_CTL_ADD, second[1], &event);
    event.events = EPOLLIN | EPOLLRDHUP;
    epoll_ctl(epoll, EPOLL_CTL_MOD, second[1], &event);
    struct epoll_event events[4];
    epoll_wait(epoll, events, 4, 0);
    epoll_ctl(epoll, EPOLL_CTL_DEL, second[1], NULL);
    epoll_pwait(epoll, events, 4, 0, &mask);
    syscall(SYS_epoll_ctl, epoll, 9, first[0], &event);
    close(epoll);
    int old = syscall(SYS_epoll_create, 4);
    close(old);
    return 0;
}
