/*
 * guest.c - native guest work and I/O arithmetic shared by all cost models.
 */
#include "models/guest.h"

#include <math.h>

/* IPv4 + TCP headers carried inside each frame's MTU. */
#define L3L4_HEADER_BYTES 40.0
#define PAGE_BYTES 4096.0

static double at_least_one(double x)
{
    return x < 1 ? 1 : x;
}

double guest_net_packets(const struct param_set *p, double bytes)
{
    double payload = param(p, P_NET_MTU_BYTES) - L3L4_HEADER_BYTES;

    return at_least_one(ceil(bytes / payload));
}

double guest_net_segments(const struct param_set *p, double bytes)
{
    return at_least_one(ceil(bytes / param(p, P_NET_GSO_BYTES)));
}

double guest_net_wire_bytes(const struct param_set *p, double bytes)
{
    return bytes + guest_net_packets(p, bytes) * param(p, P_NET_HEADER_BYTES);
}

void guest_net_wire(const struct param_set *p, const struct op *op,
                    const char *why, struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);

    demand_add(out, RES_NIC, CAT_DEVICE, packets,
               guest_net_wire_bytes(p, op->bytes) / packets, why);
}

double guest_disk_ios(const struct param_set *p, double bytes)
{
    return at_least_one(ceil(bytes / param(p, P_DISK_MAX_IO_BYTES)));
}

double guest_disk_pages(double bytes)
{
    return at_least_one(ceil(bytes / PAGE_BYTES));
}

double guest_net_irqs(void)
{
    return 1;
}

void guest_cycles(struct demand_list *out, enum category cat, double count,
                  double unit, double slowdown, const char *why)
{
    demand_add(out, RES_VCPU, cat, count, unit, why);
    if (slowdown > 1)
        demand_add(out, RES_VCPU, CAT_TRANSLATION, count,
                   unit * (slowdown - 1),
                   "binary translation: translated code runs slower than native");
}

void guest_compute(const struct param_set *p, const struct op *op,
                   double user_slowdown, double kernel_slowdown,
                   struct demand_list *out)
{
    guest_cycles(out, CAT_GUEST_USER, 1, op->cycles, user_slowdown,
                 "application code");
    guest_cycles(out, CAT_GUEST_KERNEL, op->syscalls,
                 param(p, P_NATIVE_SYSCALL_CYCLES), kernel_slowdown,
                 "system call entry and exit");
    guest_cycles(out, CAT_GUEST_KERNEL, op->page_faults,
                 param(p, P_NATIVE_PAGE_FAULT_CYCLES), kernel_slowdown,
                 "page fault handled by the guest kernel");
    guest_cycles(out, CAT_GUEST_KERNEL, op->pt_updates,
                 param(p, P_NATIVE_PT_UPDATE_CYCLES), kernel_slowdown,
                 "page-table entry update");
    guest_cycles(out, CAT_GUEST_KERNEL, op->privileged,
                 param(p, P_NATIVE_PRIVILEGED_CYCLES), kernel_slowdown,
                 "privileged instruction executed");
    guest_cycles(out, CAT_GUEST_KERNEL, op->ctx_switches,
                 param(p, P_NATIVE_CTX_SWITCH_CYCLES), kernel_slowdown,
                 "address-space switch (CR3 load)");
}

void guest_net_stack(const struct param_set *p, const struct op *op,
                     double slowdown, struct demand_list *out)
{
    int rx = op->kind == OP_NET_RX;

    guest_cycles(out, CAT_GUEST_KERNEL, guest_net_segments(p, op->bytes),
                 param(p, rx ? P_NET_STACK_RX_CYCLES : P_NET_STACK_TX_CYCLES),
                 slowdown, rx ? "TCP/IP receive per GRO segment"
                              : "TCP/IP transmit per TSO segment");
    guest_cycles(out, CAT_GUEST_KERNEL, op->bytes,
                 param(p, P_NET_COPY_CYCLES_PER_BYTE), slowdown,
                 rx ? "copy to user memory" : "copy from user memory");
}

void guest_net_driver(const struct param_set *p, const struct op *op,
                      double slowdown, struct demand_list *out)
{
    guest_cycles(out, CAT_GUEST_KERNEL, guest_net_packets(p, op->bytes),
                 param(p, P_NET_DRIVER_CYCLES_PER_PACKET), slowdown,
                 "NIC driver descriptor handling per frame");
}

void guest_disk_stack(const struct param_set *p, const struct op *op,
                      double slowdown, struct demand_list *out)
{
    guest_cycles(out, CAT_GUEST_KERNEL, guest_disk_ios(p, op->bytes),
                 param(p, P_DISK_BLOCK_CYCLES_PER_IO), slowdown,
                 "block layer and filesystem per request");
}

void guest_disk_device(const struct param_set *p, const struct op *op,
                       int card, struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    if (param(p, P_DISK_USE_LOCAL) != 0) {
        demand_add(out, RES_DISK, CAT_DEVICE, ios,
                   param(p, P_DISK_LOCAL_SERVICE_US) * 1e6,
                   "local NVMe access");
        demand_add(out, RES_DISK, CAT_DEVICE, op->bytes,
                   1e6 / param(p, P_DISK_LOCAL_BYTES_PER_US),
                   "local NVMe data transfer");
        return;
    }
    if (card)
        demand_add(out, RES_CARD, CAT_OFFLOAD, ios,
                   param(p, P_SRIOV_CARD_US_PER_IO) * 1e6,
                   "offload card turns NVMe into EBS requests");
    demand_add(out, RES_STORAGE_NET, CAT_DEVICE, ios,
               param(p, P_DISK_EBS_SERVICE_US) * 1e6,
               "EBS volume round trip over the storage network");
}

void guest_nvme_io(const struct param_set *p, const struct op *op,
                   const char *why, struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    guest_disk_stack(p, op, 1, out);
    guest_cycles(out, CAT_GUEST_KERNEL, ios, param(p, P_DISK_NVME_DRIVER_CYCLES),
                 1, why);
    /* EBS goes through the Nitro card, also from bare metal. */
    guest_disk_device(p, op, 1, out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, ios, "completion interrupt");
}

void guest_irq_handler(const struct param_set *p, const struct op *op,
                       double slowdown, struct demand_list *out)
{
    int timer = op->kind == OP_TIMER;

    guest_cycles(out, CAT_GUEST_KERNEL, op->count,
                 param(p, timer ? P_NATIVE_TIMER_CYCLES : P_NATIVE_IRQ_CYCLES),
                 slowdown, timer ? "guest timer tick handler"
                                 : "guest interrupt handler");
}
