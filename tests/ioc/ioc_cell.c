// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Not run: compiled by tests/test_ioc_protocol.py with the cross compiler,
 * freestanding and with the cells' own flags, to show that
 * tessera_ioc.h builds for a bare-metal cell and needs nothing but memcpy.
 * Every API function is called.
 */
#include "tessera_ioc.h"

int ioc_cell_demo(void *region, size_t size, void *buf, size_t cap);

int ioc_cell_demo(void *region, size_t size, void *buf, size_t cap)
{
	static struct tioc_end end;
	bool ring, restarted;
	int r, state;

	r = tioc_open(&end, region, size, 1, 42);
	if (r)
		return r;
	state = tioc_state(&end, &ring);
	restarted = tioc_peer_restarted(&end);
	if (state == TIOC_BROKEN)
		tioc_reset(&end);
	r = tioc_send(&end, buf, cap < tioc_max_payload(&end) ? cap : 0, &ring);
	if (r == TIOC_EAGAIN && tioc_prepare_wait_tx(&end, cap))
		return 1;
	r = tioc_recv(&end, buf, cap, &ring);
	if (r == TIOC_EAGAIN && tioc_prepare_wait_rx(&end))
		return 2;
	return r + restarted + ring;
}
