/*
 * category.c - names of the time categories, as results print them.
 */
#include "base/category.h"

static const char *const cat_names[CAT_COUNT] = {
    [CAT_GUEST_USER] = "guest_user",
    [CAT_GUEST_KERNEL] = "guest_kernel",
    [CAT_VMEXIT] = "vmexit",
    [CAT_TRANSLATION] = "translation",
    [CAT_DEVICE_EMULATION] = "device_emulation",
    [CAT_BACKEND] = "backend",
    [CAT_OFFLOAD] = "offload",
    [CAT_DEVICE] = "device",
};

const char *category_name(enum category c)
{
    return (unsigned)c < CAT_COUNT ? cat_names[c] : "?";
}

int category_is_cpu(enum category c)
{
    return c != CAT_OFFLOAD && c != CAT_DEVICE;
}
