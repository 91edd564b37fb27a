/*
 * demand.c - demand lists and the names of resources (categories are
 * named in base/category.c).
 */
#include "models/demand.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void demand_list_init(struct demand_list *l)
{
    memset(l, 0, sizeof(*l));
}

void demand_list_release(struct demand_list *l)
{
    free(l->d);
    demand_list_init(l);
}

void demand_list_clear(struct demand_list *l)
{
    l->len = 0;
}

void demand_list_reserve(struct demand_list *l, size_t n)
{
    size_t cap = l->cap ? l->cap : 16;

    while (cap < n)
        cap *= 2;
    if (cap != l->cap) {
        l->d = xreallocarray(l->d, cap, sizeof(*l->d));
        l->cap = cap;
    }
}

void demand_list_append(struct demand_list *l, const struct demand_list *src)
{
    assert(src != l);
    demand_list_reserve(l, l->len + src->len);
    if (src->len)
        memcpy(&l->d[l->len], src->d, src->len * sizeof(*l->d));
    l->len += src->len;
}

void demand_list_replace(struct demand_list *l, size_t i,
                         const struct demand_list *src)
{
    assert(i < l->len && src != l);
    demand_list_reserve(l, l->len - 1 + src->len);
    memmove(&l->d[i + src->len], &l->d[i + 1],
            (l->len - i - 1) * sizeof(*l->d));
    if (src->len)
        memcpy(&l->d[i], src->d, src->len * sizeof(*l->d));
    l->len = l->len - 1 + src->len;
}

static const char *const res_names[RES_COUNT] = {
    [RES_VCPU] = "vcpu",
    [RES_BACKEND] = "backend",
    [RES_EMULATOR] = "emulator",
    [RES_NIC] = "nic",
    [RES_CARD] = "card",
    [RES_DISK] = "disk",
    [RES_STORAGE_NET] = "storage_net",
    [RES_IRQ] = "irq",
};

static const char *const res_units[RES_COUNT] = {
    [RES_VCPU] = "cycles",
    [RES_BACKEND] = "cycles",
    [RES_EMULATOR] = "cycles",
    [RES_NIC] = "bytes",
    [RES_CARD] = "ps",
    [RES_DISK] = "ps",
    [RES_STORAGE_NET] = "ps",
    [RES_IRQ] = "interrupts",
};

const char *resource_name(enum resource r)
{
    return (unsigned)r < RES_COUNT ? res_names[r] : "?";
}

const char *resource_unit(enum resource r)
{
    return (unsigned)r < RES_COUNT ? res_units[r] : "?";
}
