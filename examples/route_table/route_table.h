/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The routing table as the C glue sees it: an opaque object with extern
 * "C" entry points implemented in C++ (route_table.cpp), and the two
 * kernel services the C++ side asks of the C side.
 */
#ifndef SRCU_ROUTE_TABLE_H
#define SRCU_ROUTE_TABLE_H

#ifdef __cplusplus
extern "C" {
#endif

struct route_table_owner;

/* What the readers saw, and what the writer did. */
struct route_table_stats {
	unsigned long long lookups;
	unsigned long long sleeps;		/* inside a critical section */
	unsigned long long bad_tables;		/* torn or freed: must stay 0 */
	unsigned long long updates;
	unsigned long long synchronized;	/* freed after synchronize() */
	unsigned long long polled;		/* freed once a cookie completed */
	unsigned long long retired;		/* freed by a retire() callback */
};

/* NULL with *@err set (-ENOMEM, or init_srcu_struct()'s error). */
struct route_table_owner *route_table_create(int *err);
void route_table_destroy(struct route_table_owner *owner);

/*
 * One lookup of @addr, sleeping @sleep_ms inside the read-side critical
 * section first. Returns 0, or -EIO if the table read was torn or freed.
 */
int route_table_lookup(struct route_table_owner *owner, unsigned int addr,
		       unsigned int sleep_ms);

/* Publish the next table; @round chooses how the old one is freed. */
int route_table_update(struct route_table_owner *owner, unsigned int round);

void route_table_read_stats(struct route_table_owner *owner,
			    struct route_table_stats *stats);

/* Provided by the C glue (route_main.c). */
void route_table_sleep_ms(unsigned int ms);

#ifdef __cplusplus
}
#endif

#endif
