/*
 * op.c - names of operation kinds, as users write them, and of the paths
 * operations travel, as results print them.
 */
#include "base/op.h"

#include <string.h>

const char *const op_kind_names[OP_KIND_COUNT] = {
    [OP_COMPUTE] = "compute",
    [OP_NET_RX] = "net_rx",
    [OP_NET_TX] = "net_tx",
    [OP_DISK_READ] = "disk_read",
    [OP_DISK_WRITE] = "disk_write",
    [OP_SLEEP] = "sleep",
    [OP_IRQ] = "irq",
    [OP_TIMER] = "timer",
};

const char *op_kind_name(enum op_kind k)
{
    return (unsigned)k < OP_KIND_COUNT ? op_kind_names[k] : "?";
}

int op_kind_from_name(const char *name)
{
    int k;

    for (k = 0; k < OP_KIND_COUNT; k++)
        if (!strcmp(op_kind_names[k], name))
            return k;
    return -1;
}

static const char *const path_names[PATH_COUNT] = {
    [PATH_CPU] = "cpu",
    [PATH_NET] = "net",
    [PATH_STORAGE] = "storage",
    [PATH_IRQ] = "irq",
};

const char *path_name(enum path p)
{
    return (unsigned)p < PATH_COUNT ? path_names[p] : "?";
}
