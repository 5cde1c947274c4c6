// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * tessera: the Linux cell's command-line front end to /dev/tessera (tessera.ko).
 *   tessera info        tessera: cell <id> '<name>', ABI <major>.<minor>
 *   tessera checkpoint  tessera: checkpoint taken   (or: tessera: checkpoint: <error>, exit 1)
 *   tessera now         tessera: counter <ns>   (the virtual counter, for benchmarks)
 *   tessera ioc info <channel>          the channel's end, size and state
 *   tessera ioc send <channel> <text>   one message (blocks until there is room)
 *   tessera ioc recv <channel>          waits for one message and prints it
 *   tessera ioc stress <channel> <n> [blocking]
 *                                       exchanges n messages each way with a peer running
 *                                       cells/ioctest's format (and prints its result line):
 *                                       poll and O_NONBLOCK, or blocking calls in two processes
 *   tessera ioc control <channel> restart|stop|start
 *                                       that lifecycle operation on the channel's other cell
 *                                       (needs the spec's control right)
 *   tessera date [timeout_ms]           asks the driver cell on channel "rtc" (cells/rtcd) for
 *                                       the time and prints it; if it does not answer in
 *                                       timeout_ms (1000), restarts it through the channel's
 *                                       control right and asks once more
 *   tessera rtc hang                    tells that driver cell to stop answering (the demo)
 *   tessera ioc victim <channel>        the reader of a hostile peer (cells/ioctest/hostile.c):
 *                                       echoes its good messages, survives the rest, until
 *                                       SIGINT or SIGTERM
 *   tessera heartbeat <channel>         a monitor watch's heartbeat, for good (heartbeat.c)
 *   tessera ioc bench <channel>         the doorbell, a 64-byte round trip and 4 KiB
 *                                       throughput against cells/ioctest/bench.c's pong
 *                                       (ioc_bench.c)
 * Bad usage (and `tessera help`) prints the usage to stderr and exits 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "prng.h" /* cells/lib: the bare-metal ioctest's PRNG, for its message format */
#include "tessera_ioctl.h"
#include "tool.h"

static int usage(void)
{
	fputs("usage: tessera info        the hypervisor's ABI version and this cell\n"
	      "       tessera checkpoint  checkpoint this cell (needs recovery: restore)\n"
	      "       tessera now         the virtual counter, in ns\n"
	      "       tessera ioc info <channel>         the channel's end, size and state\n"
	      "       tessera ioc send <channel> <text>  send one message\n"
	      "       tessera ioc recv <channel>         wait for one message, print it\n"
	      "       tessera ioc stress <channel> <n> [blocking]\n"
	      "                                          exchange n messages each way with "
	      "ioctest\n"
	      "       tessera ioc control <channel> restart|stop|start\n"
	      "                                          that operation on the channel's other "
	      "cell\n"
	      "       tessera date [timeout_ms]  the time from the RTC driver cell (channel rtc)\n"
	      "       tessera ioc victim <channel>       echo a hostile peer's messages until "
	      "killed\n"
	      "       tessera ioc bench <channel>        doorbell, round trip and throughput "
	      "against iocbench\n"
	      "       tessera rtc hang           tell the RTC driver cell to stop answering\n"
	      "       tessera heartbeat <channel>  send the monitor's heartbeat, for good\n",
	      stderr);
	return 2;
}

static int open_dev(void)
{
	int fd = open(TESSERA_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "tessera: %s: %s\n", TESSERA_DEVICE, strerror(errno));
	return fd;
}

static int info(void)
{
	struct tessera_info in;
	int fd = open_dev();
	if (fd < 0)
		return 1;
	memset(&in, 0, sizeof(in));
	if (ioctl(fd, TESSERA_IOC_INFO, &in) < 0) {
		fprintf(stderr, "tessera: info: %s\n", strerror(errno));
		return 1;
	}
	in.name[sizeof(in.name) - 1] = '\0';
	printf("tessera: cell %u '%s', ABI %u.%u\n", in.cell_id, in.name, in.abi_major,
	       in.abi_minor);
	return 0;
}

static int checkpoint(void)
{
	int fd = open_dev();
	if (fd < 0)
		return 1;
	if (ioctl(fd, TESSERA_IOC_CHECKPOINT) < 0) {
		fprintf(stderr, "tessera: checkpoint: %s\n", strerror(errno));
		return 1;
	}
	printf("tessera: checkpoint taken\n");
	return 0;
}

/* CNTVCT_EL0, which Linux lets user space read (its vDSO does). */
static int now(void)
{
	unsigned long ticks, freq;
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(ticks));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	printf("tessera: counter %lu\n",
	       ticks / freq * 1000000000ul + ticks % freq * 1000000000ul / freq);
	return 0;
}

/* ---- IOC channels: /dev/ioc/<channel> ---- */

static const char *const states[] = { "connecting", "up", "broken" };

int open_channel(const char *name, int flags, struct tessera_channel_info *info)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s%s", TESSERA_IOC_DIR, name);
	fd = open(path, O_RDWR | O_CLOEXEC | flags);
	if (fd < 0) {
		fprintf(stderr, "tessera: %s: %s\n", path, strerror(errno));
		return -1;
	}
	memset(info, 0, sizeof(*info));
	if (ioctl(fd, TESSERA_IOC_CHANNEL_INFO, info) < 0) {
		fprintf(stderr, "tessera: %s: info: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	info->name[sizeof(info->name) - 1] = info->peer[sizeof(info->peer) - 1] = '\0';
	return fd;
}

static int ioc_info(const char *name)
{
	struct tessera_channel_info in;
	int fd = open_channel(name, 0, &in);

	if (fd < 0)
		return 1;
	printf("tessera: ioc: %s: peer '%s', end %u, index %u, %u bytes (messages up to %u), %s, "
	       "%u peer restarts, %llu doorbells\n",
	       in.name, in.peer, in.end, in.index, in.size, in.max_payload,
	       in.state < 3 ? states[in.state] : "?", in.restarts,
	       (unsigned long long)in.doorbells);
	close(fd);
	return 0;
}

static int ioc_send(const char *name, const char *text)
{
	struct tessera_channel_info in;
	int fd = open_channel(name, 0, &in);
	size_t len = strlen(text);

	if (fd < 0)
		return 1;
	for (;;) {
		if (write(fd, text, len) >= 0)
			break;
		if (errno == ECONNRESET) { /* a new connection: send it there */
			fprintf(stderr, "tessera: ioc: %s: peer restarted\n", name);
			continue;
		}
		fprintf(stderr, "tessera: ioc: %s: send: %s\n", name, strerror(errno));
		return 1;
	}
	printf("tessera: ioc: %s: sent %zu bytes\n", name, len);
	close(fd);
	return 0;
}

static int ioc_recv(const char *name)
{
	struct tessera_channel_info in;
	int fd = open_channel(name, 0, &in);
	char *buf;
	ssize_t n;

	if (fd < 0)
		return 1;
	buf = malloc(in.max_payload + 1);
	if (!buf)
		return 1;
	for (;;) {
		n = read(fd, buf, in.max_payload);
		if (n >= 0)
			break;
		if (errno == ECONNRESET) {
			fprintf(stderr, "tessera: ioc: %s: peer restarted\n", name);
			continue;
		}
		fprintf(stderr, "tessera: ioc: %s: recv: %s\n", name, strerror(errno));
		return 1;
	}
	fwrite(buf, 1, (size_t)n, stdout);
	if (!n || buf[n - 1] != '\n')
		putchar('\n');
	free(buf);
	close(fd);
	return 0;
}

/*
 * The stress exchange, in cells/ioctest/ioctest.c's format, so that a bare-metal
 * ioctest cell can be the peer: per connection each end sends <count> messages
 * [u32 number][u32 FNV-1a of the rest][bytes from xorshift64 seeded by
 * 0x5eed0000 + number], of a length the same PRNG draws, and checks the peer's
 * (complete, in order).  A peer restart (-ECONNRESET) starts a new connection.
 */
#define STRESS_MAX 2048 /* as IOCTEST_MAX */
#define STRESS_HEAD 8
#define STRESS_STALL_MS 60000

struct stress {
	uint32_t connection, sent, received, out_len, max;
	uint8_t out[STRESS_MAX], in[STRESS_MAX];
};

static uint32_t fnv1a(const uint8_t *p, uint32_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> 8 * i);
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t build(struct stress *s, uint32_t n)
{
	struct prng r;
	uint32_t len;

	prng_seed(&r, 0x5eed0000ull + n);
	len = STRESS_HEAD + (uint32_t)prng_below(&r, s->max - STRESS_HEAD + 1);
	for (uint32_t i = STRESS_HEAD; i < len; i++)
		s->out[i] = (uint8_t)prng_next(&r);
	put32(s->out, n);
	put32(s->out + 4, fnv1a(s->out + STRESS_HEAD, len - STRESS_HEAD));
	return len;
}

static int stress_fail(const char *what, long a, long b)
{
	printf("tessera: ioc: FAILED %s (%ld, %ld)\n", what, a, b);
	return 1;
}

static void new_connection(struct stress *s, int restarted)
{
	if (restarted)
		printf("tessera: ioc: peer restarted after %u messages received\n", s->received);
	s->connection++;
	s->sent = s->received = s->out_len = 0;
}

/* The next message received, r bytes in s->in: 0, or the failure's exit status. */
static int check(struct stress *s, ssize_t r)
{
	uint32_t n = s->received + 1;

	if (r < STRESS_HEAD)
		return stress_fail("short message", r, n);
	if (get32(s->in) != n)
		return stress_fail("message out of order: got, expected", get32(s->in), n);
	if (get32(s->in + 4) != fnv1a(s->in + STRESS_HEAD, (uint32_t)r - STRESS_HEAD))
		return stress_fail("checksum: message, length", n, r);
	s->received = n;
	return 0;
}

static int stress_done(struct stress *s)
{
	printf("tessera: ioc: connection %u: sent %u, received %u in order, checksums ok\n",
	       s->connection, s->sent, s->received);
	return 0;
}

/*
 * Blocking: a child process sends on its own descriptor (blocking writes)
 * while this one receives (blocking reads).  Each descriptor reports a peer
 * restart once, so each side starts its next connection on its own.  (A
 * restart after the child has sent all its messages is not sent again.)
 */
static int stress_blocking(const char *name, struct stress *s, uint32_t count)
{
	struct tessera_channel_info in;
	int rfd = open_channel(name, 0, &in), wfd = open_channel(name, 0, &in), status = 0;
	pid_t child;

	if (rfd < 0 || wfd < 0)
		return 1;
	fflush(stdout);
	child = fork();
	if (child < 0)
		return stress_fail(strerror(errno), 0, 0);
	if (child == 0) {
		close(rfd);
		while (s->sent < count) {
			uint32_t len = build(s, s->sent + 1);

			if (write(wfd, s->out, len) >= 0)
				s->sent++;
			else if (errno == ECONNRESET)
				s->sent = 0;
			else
				_exit(stress_fail(strerror(errno), s->sent + 1, 0));
		}
		_exit(0);
	}
	close(wfd);
	while (s->received < count) {
		ssize_t r = read(rfd, s->in, sizeof(s->in));
		int err;

		if (r < 0 && errno == ECONNRESET) {
			new_connection(s, 1);
			continue;
		}
		if (r < 0)
			return stress_fail(strerror(errno), s->received + 1, 0);
		err = check(s, r);
		if (err)
			return err;
	}
	if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return stress_fail("sender: wait status", status, 0);
	s->sent = count;
	close(rfd);
	return stress_done(s);
}

static int ioc_stress(const char *name, const char *count_arg, int blocking)
{
	struct tessera_channel_info in;
	static struct stress s;
	char *end;
	unsigned long count = strtoul(count_arg, &end, 10);
	int fd, idle_ms = 0;

	if (!*count_arg || *end || !count || count > UINT32_MAX)
		return usage();
	fd = open_channel(name, O_NONBLOCK, &in);
	if (fd < 0)
		return 1;
	s.max = in.max_payload < STRESS_MAX ? in.max_payload : STRESS_MAX;
	if (s.max < STRESS_HEAD)
		return stress_fail("channel too small", in.max_payload, STRESS_HEAD);
	new_connection(&s, 0);
	if (blocking) {
		close(fd);
		return stress_blocking(name, &s, (uint32_t)count);
	}
	while (s.sent < count || s.received < count) {
		int moved = 0;
		ssize_t r;

		if (s.sent < count) {
			if (!s.out_len)
				s.out_len = build(&s, s.sent + 1);
			r = write(fd, s.out, s.out_len);
			if (r >= 0) {
				s.sent++;
				s.out_len = 0;
				moved = 1;
			} else if (errno == ECONNRESET) {
				new_connection(&s, 1);
				continue;
			} else if (errno != EAGAIN) {
				return stress_fail(strerror(errno), s.sent + 1, 0);
			}
		}
		r = read(fd, s.in, sizeof(s.in));
		if (r >= 0) {
			int err = check(&s, r);

			if (err)
				return err;
			moved = 1;
		} else if (errno == ECONNRESET) {
			new_connection(&s, 1);
			continue;
		} else if (errno != EAGAIN) {
			return stress_fail(strerror(errno), s.received + 1, 0);
		}
		if (moved || (s.sent == count && s.received == count)) {
			idle_ms = 0;
			continue;
		}
		struct pollfd p = { .fd = fd, .events = POLLIN | (s.sent < count ? POLLOUT : 0) };
		int ready = poll(&p, 1, 1000);
		if (ready < 0 && errno != EINTR)
			return stress_fail(strerror(errno), s.sent, s.received);
		if (ready == 0 && (idle_ms += 1000) >= STRESS_STALL_MS)
			return stress_fail("stalled: sent, received", s.sent, s.received);
	}
	close(fd);
	return stress_done(&s);
}

static const char *const operations[] = { "", "restart", "stop", "start" };

static int ioc_control(const char *name, const char *op_name)
{
	struct tessera_channel_info in;
	unsigned long op;
	int fd;

	for (op = TESSERA_CHANNEL_RESTART; op <= TESSERA_CHANNEL_START; op++)
		if (!strcmp(op_name, operations[op]))
			break;
	if (op > TESSERA_CHANNEL_START)
		return usage();
	fd = open_channel(name, 0, &in);
	if (fd < 0)
		return 1;
	if (ioctl(fd, TESSERA_IOC_CHANNEL_CONTROL, op) < 0) {
		fprintf(stderr, "tessera: ioc: %s: %s '%s': %s\n", name, op_name, in.peer,
			strerror(errno));
		close(fd);
		return 1;
	}
	printf("tessera: ioc: %s: %s '%s': done\n", name, op_name, in.peer);
	close(fd);
	return 0;
}

/* ---- The RTC driver cell (cells/rtcd) on channel "rtc" ---- */

#define RTC_CHANNEL "rtc"
#define RTC_TIMEOUT_MS 1000 /* the first answer's */
#define RTC_RESTART_TIMEOUT_MS 20000 /* the answer after a restart (QEMU on a loaded host) */

static long ms_until(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
}

/*
 * One request on fd (O_NONBLOCK) and its answer in buf (NUL-terminated): the
 * answer's length, or -1 with errno (ETIMEDOUT: none within timeout_ms).  A peer
 * restart on the way (ECONNRESET) sends the request again, on the new connection;
 * so does a broken channel (EIO), once, after resetting it.
 */
static ssize_t rtc_ask(int fd, const char *req, char *buf, size_t cap, long timeout_ms)
{
	struct timespec deadline;
	int sent = 0, reset = 0;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += timeout_ms % 1000 * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = sent ? POLLIN : POLLOUT };
		long left;
		ssize_t n;

		if (!sent) {
			if (write(fd, req, strlen(req)) >= 0) {
				sent = 1;
				continue;
			}
		} else {
			n = read(fd, buf, cap - 1);
			if (n >= 0) {
				buf[n] = '\0';
				return n;
			}
		}
		if (errno == ECONNRESET) { /* the peer restarted: ask the new one */
			sent = 0;
			continue;
		}
		/* BROKEN (the peer broke the protocol, or our cell came back from a checkpoint
		 * the operator took, which tells the module nothing): reset, once */
		if (errno == EIO && !reset && !ioctl(fd, TESSERA_IOC_CHANNEL_RESET)) {
			reset = 1;
			sent = 0;
			continue;
		}
		if (errno != EAGAIN)
			return -1;
		left = ms_until(&deadline);
		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return -1;
	}
}

/* Drops answers nobody waited for (to a request that timed out, say), so that
 * the next answer is to our request.  Bounded: a peer cannot keep us here. */
static void rtc_drain(int fd, char *buf, size_t cap)
{
	for (int i = 0; i < 256 && read(fd, buf, cap) >= 0; i++)
		;
}

static int date(const char *timeout_arg)
{
	struct tessera_channel_info in;
	char buf[64], *end, when[32];
	long timeout_ms = RTC_TIMEOUT_MS;
	unsigned long long secs;
	struct tm tm;
	time_t t;
	ssize_t n;
	int fd;

	if (timeout_arg) {
		timeout_ms = strtol(timeout_arg, &end, 10);
		if (*end || timeout_ms <= 0 || timeout_ms > 3600000)
			return usage();
	}
	fd = open_channel(RTC_CHANNEL, O_NONBLOCK, &in);
	if (fd < 0)
		return 1;
	rtc_drain(fd, buf, sizeof(buf));
	n = rtc_ask(fd, "time", buf, sizeof(buf), timeout_ms);
	if (n < 0 && errno == ETIMEDOUT) {
		printf("tessera: date: %s does not answer; restarting it through the control "
		       "channel\n",
		       in.peer);
		fflush(stdout);
		if (ioctl(fd, TESSERA_IOC_CHANNEL_CONTROL, (unsigned long)TESSERA_CHANNEL_RESTART) <
		    0) {
			fprintf(stderr, "tessera: date: restart '%s': %s\n", in.peer,
				strerror(errno));
			close(fd);
			return 1;
		}
		n = rtc_ask(fd, "time", buf, sizeof(buf), RTC_RESTART_TIMEOUT_MS);
	}
	close(fd);
	if (n < 0) {
		fprintf(stderr, "tessera: date: %s: %s\n", in.peer, strerror(errno));
		return 1;
	}
	errno = 0;
	secs = strtoull(buf, &end, 10);
	t = (time_t)secs;
	if (!n || *end || errno || !gmtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm)) {
		fprintf(stderr, "tessera: date: %s answered '%s'\n", in.peer, buf);
		return 1;
	}
	printf("tessera: date: %s UTC (from %s)\n", when, in.peer);
	return 0;
}

static int rtc_hang(void)
{
	struct tessera_channel_info in;
	char buf[64];
	ssize_t n;
	int fd = open_channel(RTC_CHANNEL, O_NONBLOCK, &in);

	if (fd < 0)
		return 1;
	rtc_drain(fd, buf, sizeof(buf));
	n = rtc_ask(fd, "hang", buf, sizeof(buf), RTC_TIMEOUT_MS);
	close(fd);
	if (n < 0) {
		fprintf(stderr, "tessera: rtc: %s: %s\n", in.peer, strerror(errno));
		return 1;
	}
	printf("tessera: rtc: %s answered '%s'\n", in.peer, buf);
	return strcmp(buf, "hanging") != 0;
}

/*
 * The reader of a hostile peer, as cells/ioctest/victim.c is on bare metal: one
 * message ("hello") to say it is there, then it echoes the head (number and
 * checksum, 8 bytes) of each good message, in order from 1 in each connection;
 * a message with a bad checksum or number is dropped (garbled), and so is an
 * echo that finds no room (the peer does not consume).  EIO (after poll's
 * POLLERR) means the peer broke the protocol: one line
 *   tessera: ioc: <channel>: broken
 * per breakage, then TESSERA_IOC_CHANNEL_RESET and on.  A peer restart
 * (ECONNRESET) starts numbering again.  It never stops on its own: SIGINT or
 * SIGTERM ends it with
 *   tessera: ioc: <channel>: victim: <m> messages, <d> echoes dropped,
 *                            <g> garbled, <r> peer restarts, <b> broken
 */
struct victim {
	const char *name;
	int fd;
	uint32_t expected; /* the next message number in this connection */
	uint32_t messages, dropped, garbled, restarts, broken;
};

static volatile sig_atomic_t victim_stop;

static void victim_signal(int sig)
{
	(void)sig;
	victim_stop = 1;
}

/* A failed read or write: 0 to carry on (EAGAIN: poll), or the exit status. */
static int victim_error(struct victim *v, int err)
{
	switch (err) {
	case EAGAIN:
	case EINTR:
		return 0;
	case ECONNRESET:
		v->restarts++;
		v->expected = 1;
		return 0;
	case EIO:
		v->broken++;
		printf("tessera: ioc: %s: broken\n", v->name);
		if (ioctl(v->fd, TESSERA_IOC_CHANNEL_RESET) < 0) {
			fprintf(stderr, "tessera: ioc: %s: reset: %s\n", v->name, strerror(errno));
			return 1;
		}
		v->expected = 1;
		return 0;
	default:
		fprintf(stderr, "tessera: ioc: %s: %s\n", v->name, strerror(err));
		return 1;
	}
}

static int victim_accept(struct victim *v, const uint8_t *msg, ssize_t len)
{
	if (len < STRESS_HEAD ||
	    get32(msg + 4) != fnv1a(msg + STRESS_HEAD, (uint32_t)len - STRESS_HEAD) ||
	    get32(msg) != v->expected) {
		v->garbled++;
		return 0;
	}
	v->messages++;
	v->expected++;
	if (write(v->fd, msg, STRESS_HEAD) >= 0)
		return 0;
	if (errno == EAGAIN) /* the peer does not consume */
		v->dropped++;
	return victim_error(v, errno);
}

static int ioc_victim(const char *name)
{
	static const char hello[] = "hello";
	struct tessera_channel_info in;
	struct victim v = { .name = name, .expected = 1 };
	struct sigaction sa = { .sa_handler = victim_signal }; /* no SA_RESTART: poll returns */
	int said_hello = 0, err = 0;
	uint8_t *buf;

	v.fd = open_channel(name, O_NONBLOCK, &in);
	if (v.fd < 0)
		return 1;
	buf = malloc(in.max_payload ? in.max_payload : 1);
	if (!buf)
		return 1;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("tessera: ioc: %s: the reader of peer '%s'\n", name, in.peer);
	while (!victim_stop && !err) {
		struct pollfd p = { .fd = v.fd, .events = POLLIN };
		ssize_t r;

		if (!said_hello) {
			if (write(v.fd, hello, sizeof(hello) - 1) >= 0)
				said_hello = 1;
			else if (errno == EAGAIN)
				p.events |= POLLOUT;
			else {
				err = victim_error(&v, errno);
				continue;
			}
		}
		r = read(v.fd, buf, in.max_payload);
		if (r >= 0) {
			err = victim_accept(&v, buf, r);
			continue;
		}
		if (errno != EAGAIN) {
			err = victim_error(&v, errno);
			continue;
		}
		/* POLLERR (BROKEN) wakes it too: the next read says EIO. */
		if (poll(&p, 1, 1000) < 0 && errno != EINTR)
			err = victim_error(&v, errno);
	}
	printf("tessera: ioc: %s: victim: %u messages, %u echoes dropped, %u garbled, "
	       "%u peer restarts, %u broken\n",
	       name, v.messages, v.dropped, v.garbled, v.restarts, v.broken);
	free(buf);
	close(v.fd);
	return err;
}

static int ioc(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[0], "control"))
		return ioc_control(argv[1], argv[2]);
	if (argc == 2 && !strcmp(argv[0], "info"))
		return ioc_info(argv[1]);
	if (argc == 3 && !strcmp(argv[0], "send"))
		return ioc_send(argv[1], argv[2]);
	if (argc == 2 && !strcmp(argv[0], "recv"))
		return ioc_recv(argv[1]);
	if (argc == 3 && !strcmp(argv[0], "stress"))
		return ioc_stress(argv[1], argv[2], 0);
	if (argc == 4 && !strcmp(argv[0], "stress") && !strcmp(argv[3], "blocking"))
		return ioc_stress(argv[1], argv[2], 1);
	if (argc == 2 && !strcmp(argv[0], "victim"))
		return ioc_victim(argv[1]);
	if (argc == 2 && !strcmp(argv[0], "bench"))
		return ioc_bench(argv[1]);
	return usage();
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "ioc"))
		return ioc(argc - 2, argv + 2);
	if ((argc == 2 || argc == 3) && !strcmp(argv[1], "date"))
		return date(argc == 3 ? argv[2] : NULL);
	if (argc == 3 && !strcmp(argv[1], "rtc") && !strcmp(argv[2], "hang"))
		return rtc_hang();
	if (argc == 3 && !strcmp(argv[1], "heartbeat"))
		return heartbeat(argv[2]);
	if (argc != 2)
		return usage();
	if (!strcmp(argv[1], "info"))
		return info();
	if (!strcmp(argv[1], "checkpoint"))
		return checkpoint();
	if (!strcmp(argv[1], "now"))
		return now();
	return usage();
}
