/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The console UART each cell sees at its console address, as the board's
 * UART model (a PL011 on qemu-virt, a Cadence UART on the ZCU102), so that
 * an OS uses its usual driver.  Output goes to the cell's console line, input
 * comes from the console multiplexer when the cell has the focus, and the
 * interrupt line drives the cell's vGIC.
 *
 * core/vuart.c holds what every model shares (lock, receive FIFO, line);
 * vdev/vuart_<model>.c holds one model's registers, and the generator's
 * SYSCONFIG_UART_<MODEL> builds in only the board's.
 */
#ifndef VUART_H
#define VUART_H

#include "mmio.h"
#include "spinlock.h"
#include "types.h"

#define VUART_RX_SIZE 64
#define VUART_REGS 12

struct vuart {
	spinlock_t lock;
	/* the model's interrupt status and enable words (PL011 RIS and IMSC,
	 * Cadence ISR and IMR): the line is (status & enable) != 0 */
	uint32_t status, enable;
	uint32_t reg[VUART_REGS]; /* its other registers, by its own indices */
	bool line; /* interrupt line level last given to the vGIC */
	uint8_t rx_head, rx_count;
	uint8_t rx[VUART_RX_SIZE];
};

struct cell;

void vuart_reset(struct vuart *u);
/* Handle an access inside the cell's console page; false if not ours. */
bool vuart_access(struct cell *c, struct mmio_access *a);
bool vuart_at(const struct cell *c, uint64_t ipa);
/* Console input for this cell; false if its receive FIFO is full. */
bool vuart_receive(struct cell *c, char ch);
/* The model's interrupt state on the console, for diagnostics. */
void vuart_dump(const char *cell_name, const struct vuart *u);

/* The model's side, called with the lock held.  A read or write leaves
 * status up to date; so does vuart_model_latch after the FIFO changed. */
void vuart_model_reset(struct vuart *u);
uint32_t vuart_model_read(struct vuart *u, uint32_t off);
/* A register write; the byte to put on the cell's console, or -1. */
int vuart_model_write(struct vuart *u, uint32_t off, uint32_t val);
void vuart_model_latch(struct vuart *u);

/* A register a model stores and reads back as written: its offset, its
 * index in reg[], the bits a write keeps.  vuart_store_read/write do the
 * access if 'off' is one of the model's 'n' of them. */
struct vuart_stored {
	uint16_t off;
	uint8_t index;
	uint32_t mask;
};
bool vuart_store_read(const struct vuart *u, const struct vuart_stored *regs, unsigned int n,
		      uint32_t off, uint32_t *val);
bool vuart_store_write(struct vuart *u, const struct vuart_stored *regs, unsigned int n,
		       uint32_t off, uint32_t val);
/* The oldest received byte (0 if none), for the model's data register. */
uint32_t vuart_rx_pop(struct vuart *u);
void vuart_rx_clear(struct vuart *u);

#endif /* VUART_H */
