/*
 * Open-model HTTP load generator for bench/run.sh (loopback only; a light alternative to Load.java,
 * whose JDK HTTP client needed most of a core at 1,000 req/s on the two-core bench machine).
 *
 *   cc -O2 -o openload bench/openload.c
 *   openload PORT PATH BASIC_AUTH_B64 BODY_FILE RATE SECONDS PREFIX WARMUP_SECONDS
 *
 * Request i is due at start + i/RATE, whatever earlier answers did; it goes out on an idle keep-alive
 * connection (a new one is opened while fewer than MAX_CONNS exist, else it queues) and its latency
 * is counted from its due time, so stalls are not hidden (no coordinated omission). "@ID@" in the body
 * becomes PREFIX + i. Prints one JSON line like Load.java's. Every request has a 10 s limit.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 512
#define BUF 65536
#define TIMEOUT_NS 10000000000LL

typedef struct {
    int fd, busy, req;
    char out[BUF]; int outlen, outoff;
    char in[BUF]; int inlen;
} conn_t;

static conn_t conns[MAX_CONNS];
static int nconns, epfd, tfd, port;
static const char *path, *auth, *prefix;
static char *tmpl; static long long period;
static long long *due_at, *lat; static int *status;
static int *queue, qhead, qtail, total, done_count;
static char prefix_buf[64];

static long long now_ns(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void finish(int i, int st) {
    if (lat[i] >= 0) return;
    lat[i] = now_ns() - due_at[i]; status[i] = st; done_count++;
}

static int fresh_socket(int c) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS) { close(fd); return -1; }
    memset(&conns[c], 0, sizeof conns[c]);
    conns[c].fd = fd; conns[c].req = -1;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u32 = c};
    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
    return c;
}

static int open_conn(void) {
    if (fresh_socket(nconns) < 0) return -1;
    return nconns++;
}

/* after an error or a close: the same slot gets a new socket (its request, if any, is already finished) */
static void reopen(int c) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, conns[c].fd, NULL);
    close(conns[c].fd);
    if (fresh_socket(c) < 0) { conns[c].fd = -1; conns[c].busy = 1; conns[c].req = -1; } /* slot unusable */
}

static void flush_out(int c) {
    conn_t *k = &conns[c];
    while (k->outoff < k->outlen) {
        ssize_t n = write(k->fd, k->out + k->outoff, k->outlen - k->outoff);
        if (n > 0) { k->outoff += n; continue; }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOTCONN)) return;
        if (k->req >= 0) finish(k->req, -1);
        reopen(c); return;
    }
}

static void send_req(int c, int i) {
    conn_t *k = &conns[c];
    char id[96]; snprintf(id, sizeof id, "%s%d", prefix_buf, i);
    char body[BUF]; int blen = 0; const char *p = tmpl, *hit;
    while ((hit = strstr(p, "@ID@")) != NULL) {
        memcpy(body + blen, p, hit - p); blen += hit - p;
        blen += sprintf(body + blen, "%s", id); p = hit + 4;
    }
    blen += sprintf(body + blen, "%s", p);
    k->outlen = snprintf(k->out, BUF, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Basic %s\r\n"
        "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, port, auth, blen);
    memcpy(k->out + k->outlen, body, blen); k->outlen += blen;
    k->outoff = 0; k->busy = 1; k->req = i; k->inlen = 0;
    flush_out(c);
}

static void dispatch(void) {
    for (int c = 0; c < nconns && qhead < qtail; c++)
        if (!conns[c].busy) send_req(c, queue[qhead++]);
    while (qhead < qtail && nconns < MAX_CONNS) {
        int c = open_conn(); if (c < 0) break;
        send_req(c, queue[qhead++]);
    }
}

static void on_readable(int c) {
    conn_t *k = &conns[c];
    for (;;) {
        ssize_t n = read(k->fd, k->in + k->inlen, BUF - 1 - k->inlen);
        if (n > 0) { k->inlen += n; k->in[k->inlen] = 0; }
        else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        else { if (k->req >= 0 && k->busy) finish(k->req, -1); reopen(c); return; }
        char *end = strstr(k->in, "\r\n\r\n");
        if (!end || !k->busy) continue;
        char *cl = strcasestr(k->in, "content-length:");
        int have = k->inlen - (int)(end + 4 - k->in), len;
        if (cl && cl < end) {
            len = atoi(cl + 15);
            if (have < len) continue;
        } else { /* chunked: complete at the last chunk */
            char *last = strstr(end + 4, "0\r\n\r\n");
            if (!last) continue;
            len = (int)(last + 5 - (end + 4));
        }
        finish(k->req, atoi(k->in + 9));
        k->busy = 0; k->req = -1;
        int rest = have - len;
        memmove(k->in, end + 4 + len, rest); k->inlen = rest;
    }
}

static int cmp(const void *a, const void *b) { long long x = *(const long long *)a, y = *(const long long *)b; return (x > y) - (x < y); }

static void run(int rate, int seconds, int report) {
    total = rate * seconds; period = 1000000000LL / rate; qhead = qtail = 0; done_count = 0;
    due_at = calloc(total, sizeof *due_at); lat = malloc(total * sizeof *lat);
    status = calloc(total, sizeof *status); queue = malloc(total * sizeof *queue);
    for (int i = 0; i < total; i++) lat[i] = -1;
    long long start = now_ns() + 20000000LL, deadline = start + seconds * 1000000000LL + 30000000000LL;
    int next = 0;
    struct epoll_event evs[256];
    while (done_count < total && now_ns() < deadline) {
        long long t = now_ns();
        while (next < total && start + next * period <= t) { due_at[next] = start + next * period; queue[qtail++] = next++; }
        dispatch();
        for (int c = 0; c < nconns; c++)
            if (conns[c].busy && conns[c].req >= 0 && t - due_at[conns[c].req] > TIMEOUT_NS) {
                finish(conns[c].req, -1); conns[c].busy = 0; reopen(c);
            }
        if (next < total) { /* wake exactly when the next request is due (a timerfd: no busy loop) */
            long long at = start + next * period;
            struct itimerspec its = {.it_value = {.tv_sec = at / 1000000000LL, .tv_nsec = at % 1000000000LL}};
            timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
        }
        int n = epoll_wait(epfd, evs, 256, 50);
        for (int e = 0; e < n; e++) {
            unsigned c = evs[e].data.u32;
            if (c == 0xFFFFFFFFu) { unsigned long long x; ssize_t r = read(tfd, &x, sizeof x); (void)r; continue; }
            if ((int)c >= nconns) continue;
            if (evs[e].events & (EPOLLERR | EPOLLHUP)) { if (conns[c].busy) finish(conns[c].req, -1); reopen(c); continue; }
            if (evs[e].events & EPOLLOUT) flush_out(c);
            if (evs[e].events & EPOLLIN) on_readable(c);
        }
    }
    for (int i = 0; i < total; i++) if (lat[i] < 0) { lat[i] = now_ns() - due_at[i]; status[i] = -1; }
    if (report) {
        int non2xx = 0, s200 = 0, s503 = 0, sother = 0;
        for (int i = 0; i < total; i++) {
            if (status[i] < 200 || status[i] > 299) non2xx++;
            if (status[i] >= 200 && status[i] <= 299) s200++; else if (status[i] == 503) s503++; else sother++;
        }
        long long *s = malloc(total * sizeof *s); memcpy(s, lat, total * sizeof *s);
        qsort(s, total, sizeof *s, cmp);
#define Q(q) (s[(int)((q) * total + 0.999999) - 1] / 1e6)
        printf("{\"requests\":%d,\"rate\":%d,\"seconds\":%d,\"connections\":%d,\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,"
               "\"p999\":%.2f,\"max\":%.2f,\"non2xx\":%d,\"status\":\"{2xx=%d,503=%d,other=%d}\"}\n",
               total, rate, seconds, nconns, Q(0.50), Q(0.90), Q(0.99), Q(0.999), s[total - 1] / 1e6, non2xx, s200, s503, sother);
    }
    free(due_at); free(lat); free(status); free(queue);
}

int main(int argc, char **argv) {
    if (argc < 9) { fprintf(stderr, "usage: openload PORT PATH AUTH_B64 BODY_FILE RATE SECONDS PREFIX WARMUP_S\n"); return 2; }
    port = atoi(argv[1]); path = argv[2]; auth = argv[3];
    FILE *f = fopen(argv[4], "r"); if (!f) { perror(argv[4]); return 2; }
    tmpl = calloc(1, BUF); fread(tmpl, 1, BUF / 2, f); fclose(f);
    int rate = atoi(argv[5]), seconds = atoi(argv[6]), warmup = atoi(argv[8]);
    prefix = argv[7];
    epfd = epoll_create1(0);
    tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = 0xFFFFFFFFu};
    epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &tev);
    if (warmup > 0) { snprintf(prefix_buf, sizeof prefix_buf, "%sw", prefix); run(rate, warmup, 0); }
    snprintf(prefix_buf, sizeof prefix_buf, "%s", prefix);
    run(rate, seconds, 1);
    return 0;
}
