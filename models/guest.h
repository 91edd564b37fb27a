/*
 * guest.h - what every mode has in common: the guest's own work as it
 * would be on bare metal (user code, kernel events, network stack, block
 * layer, interrupt handlers), and the arithmetic of packets, segments and
 * block requests. Cost models add their mode's overheads around it.
 *
 * `slowdown` >= 1 scales guest code run under binary translation: the
 * native share stays in its category and the excess goes to translation.
 */
#ifndef VIRTSIM_GUEST_H
#define VIRTSIM_GUEST_H

#include "models/demand.h"
#include "models/params.h"
#include "base/op.h"

/* Wire frames for `bytes` of payload (at least one: an empty op is an ack). */
double guest_net_packets(const struct param_set *p, double bytes);

/* Stack traversals for `bytes` with TSO/GSO/GRO merging (at least one). */
double guest_net_segments(const struct param_set *p, double bytes);

/* Bytes on the wire for `bytes` of payload, headers and framing included. */
double guest_net_wire_bytes(const struct param_set *p, double bytes);

/*
 * The frames of a net op on the wire: one demand of `packets` frames of the
 * average wire size each (payload, headers and framing).
 */
void guest_net_wire(const struct param_set *p, const struct op *op,
                    const char *why, struct demand_list *out);

/* Block requests for `bytes` (at least one), and 4 KiB pages touched. */
double guest_disk_ios(const struct param_set *p, double bytes);
double guest_disk_pages(double bytes);

/* Appends count * unit on the vCPU in cat, plus the translated excess. */
void guest_cycles(struct demand_list *out, enum category cat, double count,
                  double unit, double slowdown, const char *why);

/* User cycles and counted kernel events of a compute op, at native cost. */
void guest_compute(const struct param_set *p, const struct op *op,
                   double user_slowdown, double kernel_slowdown,
                   struct demand_list *out);

/* The guest network stack for a net op: per segment, per byte copy. */
void guest_net_stack(const struct param_set *p, const struct op *op,
                     double slowdown, struct demand_list *out);

/* The guest's NIC driver per wire frame (native or VF driver). */
void guest_net_driver(const struct param_set *p, const struct op *op,
                      double slowdown, struct demand_list *out);

/* The guest block layer for a disk op, per request. */
void guest_disk_stack(const struct param_set *p, const struct op *op,
                      double slowdown, struct demand_list *out);

/*
 * The storage device itself: local NVMe service (disk.use_local) or an
 * EBS round trip; `card` adds the offload card's per-request work.
 */
void guest_disk_device(const struct param_set *p, const struct op *op,
                       int card, struct demand_list *out);

/*
 * A block request over NVMe driven by the guest itself (bare metal, or an
 * SR-IOV virtual function): block layer, driver, device, completion
 * interrupt. `why` says who rings the doorbell.
 */
void guest_nvme_io(const struct param_set *p, const struct op *op,
                   const char *why, struct demand_list *out);

/* The guest's interrupt or timer handler, count times. */
void guest_irq_handler(const struct param_set *p, const struct op *op,
                       double slowdown, struct demand_list *out);

/*
 * Device interrupts a network op plans: one, which starts the poll that
 * takes all its frames. At run time the machine drops it when a running
 * poll takes the op, and reports transmit completions through the
 * queue's moderation timer instead (models/napi.h).
 */
double guest_net_irqs(void);

#endif
