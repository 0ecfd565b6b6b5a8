/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The session table as the C glue sees it: an opaque object whose entry
 * points are C++ (session_table.cpp), and the one kernel service the C++
 * side asks of the C side.
 */
#ifndef SRCU_SESSION_TABLE_H
#define SRCU_SESSION_TABLE_H

#ifdef __cplusplus
extern "C" {
#endif

struct session_table;

/* What the readers saw, and what the writer did. */
struct session_table_stats {
	unsigned long long lookups;
	unsigned long long found;
	unsigned long long sleeps;		/* inside a critical section */
	unsigned long long bad_chains;		/* torn or freed: must stay 0 */
	unsigned long long opened;
	unsigned long long closed;
	unsigned long long synchronized;	/* freed after synchronize() */
	unsigned long long retired;		/* freed by a retire() callback */
};

/* NULL with *@err set (-ENOMEM, or init_srcu_struct()'s error). */
struct session_table *session_table_create(int *err);
void session_table_destroy(struct session_table *table);

/*
 * Look session @id up, sleeping @sleep_ms inside the read-side critical
 * section first. Returns 1 if found, 0 if not, -EFAULT if the bucket's chain
 * was torn or freed.
 */
int session_table_lookup(struct session_table *table, unsigned int id,
			 unsigned int sleep_ms);

/*
 * Open session @id, or close it if it is open; @round chooses how the
 * bucket's previous chain is freed. 0 or -ENOMEM.
 */
int session_table_toggle(struct session_table *table, unsigned int id,
			 unsigned int round);

void session_table_read_stats(struct session_table *table,
			      struct session_table_stats *stats);

/* Provided by the C glue (session_main.c). */
void session_table_sleep_ms(unsigned int ms);

#ifdef __cplusplus
}
#endif

#endif
